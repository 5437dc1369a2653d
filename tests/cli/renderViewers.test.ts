import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { memoryIo } from './memoryIo';
import { EXAMPLE } from './runBinary';
import { pngSize } from './pngSize';

/**
 * The exported SVG opens in the viewers the issue named: librsvg (GNOME, Inkscape's import,
 * LibreOffice) and ImageMagick. Each test runs where its tool is installed; on CI (CI=true) a
 * missing tool fails the test, so the check cannot quietly stop running (Debian: librsvg2-bin,
 * imagemagick).
 */

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'aitm-viewers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function svgOf(name: string): { path: string; width: number; height: number } {
  const m = memoryIo({ 'm.json': readFileSync(EXAMPLE(`${name}.aitm.json`), 'utf8') });
  expect(main(['render', 'm.json'], m.io)).toBe(0);
  const path = join(dir, `${name}.svg`);
  writeFileSync(path, m.stdout());
  const [, width, height] = /<svg [^>]*width="(\d+)" height="(\d+)"/.exec(m.stdout())!;
  return { path, width: Number(width), height: Number(height) };
}

/** Distinct colours in a PNG, counted by ImageMagick: a blank image has one or two. */
const colours = (png: string, magick: string) =>
  Number(execFileSync(magick, [png, '-format', '%k', 'info:'], { encoding: 'utf8' }));

function requireTool(tool: string): boolean {
  if (has(tool)) return true;
  if (process.env.CI === 'true')
    throw new Error(`${tool} is not installed: CI must install it to check the SVG export`);
  return false;
}

describe('the exported SVG in other viewers', () => {
  const examples = ['public-rag-chatbot', 'multi-agent-research-assistant'];

  it.each(examples)('librsvg (rsvg-convert) draws %s at its size', (name) => {
    if (!requireTool('rsvg-convert')) return;
    const svg = svgOf(name);
    const png = join(dir, `${name}.rsvg.png`);
    execFileSync('rsvg-convert', [svg.path, '-o', png], { stdio: ['ignore', 'ignore', 'pipe'] });
    expect(pngSize(readFileSync(png))).toEqual({ width: svg.width, height: svg.height });
    if (has('convert')) expect(colours(png, 'convert')).toBeGreaterThan(50);
  });

  it.each(examples)('ImageMagick (convert) draws %s, not a blank image', (name) => {
    const magick = has('magick') ? 'magick' : 'convert';
    if (!requireTool(magick)) return;
    const svg = svgOf(name);
    const png = join(dir, `${name}.magick.png`);
    execFileSync(magick, [svg.path, png], { stdio: ['ignore', 'ignore', 'pipe'] });
    expect(pngSize(readFileSync(png))).toEqual({ width: svg.width, height: svg.height });
    expect(colours(png, magick)).toBeGreaterThan(50);
  });
});
