import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { PngRasteriser } from '../../src/cli/io';
import { fontFilesToUse, loadPngRasteriser } from '../../src/cli/node/pngRasteriser';
import { parseDocumentText, shippedLibrary } from '../../src/core/index';
import { memoryIo } from './memoryIo';
import { pngSize } from './pngSize';
import { AITM_BIN, EXAMPLE, runBinary } from './runBinary';

const example = readFileSync(EXAMPLE('public-rag-chatbot.aitm.json'), 'utf8');
const flows = (() => {
  const parsed = parseDocumentText(example, { catalogue: shippedLibrary().catalogue });
  if (!parsed.ok) throw new Error('the example does not load');
  return parsed.value.dataFlows.length;
})();

function run(argv: string[], rasterisePng?: PngRasteriser) {
  const m = memoryIo({ 'm.json': example });
  if (rasterisePng) m.io.rasterisePng = rasterisePng;
  const code = main(argv, m.io);
  return { code, stdout: m.stdout(), stderr: m.stderr(), written: m.written, bytes: m.writtenBytes };
}

/**
 * Whether this machine has a font resvg can draw text with. CI must have one (Debian:
 * fonts-dejavu-core); elsewhere, without one, the tests check the refusal instead.
 */
const haveFont = fontFilesToUse([]).length > 0;
if (!haveFont && process.env.CI === 'true')
  throw new Error('CI needs a font for PNG rendering: install fonts-dejavu-core');

const svgSize = (svg: string) => {
  const [, width, height] = /<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg)!;
  return { width: Number(width), height: Number(height) };
};

describe('aitm render (in memory)', () => {
  it('prints the SVG of the model: one flow path each, badges from the analysis', () => {
    const r = run(['render', 'm.json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(r.stdout.match(/<path class="flow"/g)).toHaveLength(flows);
    expect(r.stdout).toMatch(/<g class="badge"/);
    expect(r.stdout).not.toContain('foreignObject');
  });

  it('writes --out, and --theme dark changes the colours', () => {
    const light = run(['render', 'm.json', '--out', 'd.svg']);
    const dark = run(['render', 'm.json', '--format', 'svg', '--theme', 'dark', '--out', 'd.svg']);
    expect([light.code, dark.code]).toEqual([0, 0]);
    expect(light.stdout).toBe('');
    expect(light.written['d.svg']).toBe(run(['render', 'm.json']).stdout);
    expect(dark.written['d.svg']).toContain('fill="#171a20"');
    expect(light.written['d.svg']).not.toContain('fill="#171a20"');
  });

  it.each([
    [['render'], /exactly one model file/],
    [['render', 'm.json', 'n.json'], /exactly one model file/],
    [['render', 'm.json', '--format', 'gif'], /--format must be one of svg, png; got "gif"/],
    [['render', 'm.json', '--theme', 'blue'], /--theme must be one of light, dark/],
    [['render', 'm.json', '--size', '2'], /unknown option --size/],
    [['render', 'm.json', '--format', 'png'], /needs --out FILE/],
    [['render', 'm.json', '--font', 'x.ttf'], /--font is for --format png/],
    [['render', 'missing.json'], /^missing\.json: cannot read the file \(no such file\)/],
    [['render', 'm.json', '--format', 'png', '--out', 'd.png'], /cannot draw a PNG here/],
  ])('%j exits 2 with a clear message', (argv, message) => {
    const r = run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.written).toEqual({});
    expect(r.bytes).toEqual({});
  });

  it('prints its usage for --help', () => {
    const r = run(['render', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: aitm render <model>/);
    expect(run(['--help']).stdout).toContain('render <model> [--format svg|png]');
  });
});

describe('aitm render --format png (resvg)', () => {
  let rasterise: PngRasteriser;
  beforeAll(async () => {
    rasterise = await loadPngRasteriser();
  });

  it('draws a PNG twice the size of the SVG (or, without a font, refuses to)', () => {
    const svg = run(['render', 'm.json']).stdout;
    const r = run(['render', 'm.json', '--format', 'png', '--out', 'd.png'], rasterise);
    if (!haveFont) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/no font to draw the text with/);
      return;
    }
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const size = svgSize(svg);
    expect(pngSize(r.bytes['d.png']!)).toEqual({ width: size.width * 2, height: size.height * 2 });
  });

  it('refuses to write a PNG without text when no font is found, and names a font it cannot read', () => {
    const noFont: PngRasteriser = (svg, options) => ({ ...rasterise(svg, options), fonts: [] });
    const r = run(['render', 'm.json', '--format', 'png', '--out', 'd.png'], noFont);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^d\.png: not written: no font to draw the text with; pass --font FILE\.ttf/);
    expect(r.bytes).toEqual({});
    const missing = run(
      ['render', 'm.json', '--format', 'png', '--out', 'd.png', '--font', '/no/such.ttf'],
      rasterise,
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^\/no\/such\.ttf: cannot read the font \(no such file\)/);
  });
});

describe('aitm analyze --diagram', () => {
  const files = { 'm.json': example };
  const analyze = (argv: string[]) => {
    const m = memoryIo(files);
    return {
      code: main(['analyze', 'm.json', ...argv], m.io),
      stdout: m.stdout(),
      stderr: m.stderr(),
      written: m.written,
    };
  };

  it('shows the image under the title, and the report is otherwise unchanged', () => {
    const plain = analyze(['--format', 'md']);
    const linked = analyze(['--format', 'md', '--diagram', 'diagram.svg']);
    expect([plain.code, linked.code]).toEqual([0, 0]);
    const line = '![Data-flow diagram](diagram.svg)';
    expect(linked.stdout.split('\n').indexOf(line)).toBeGreaterThan(0);
    expect(linked.stdout.split('\n').indexOf(line)).toBeLessThan(8);
    expect(linked.stdout.replace(`${line}\n\n`, '')).toBe(plain.stdout);
  });

  it('links relative to the report written with --out, percent-encoding what could break the link', () => {
    const r = analyze(['--format', 'md', '--out', 'reports/r.md', '--diagram', 'reports/img/a b).svg']);
    expect(r.code).toBe(0);
    expect(r.written['reports/r.md']).toContain('![Data-flow diagram](img/a%20b%29.svg)\n');
    const scheme = analyze(['--format', 'md', '--diagram', 'javascript:alert(1)']);
    expect(scheme.stdout).toContain('![Data-flow diagram](javascript%3Aalert%281%29)');
  });

  it('is for Markdown only', () => {
    const r = analyze(['--diagram', 'd.svg']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--diagram is for --format md/);
  });
});

describe('bin/aitm.mjs render', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aitm-render-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const node = promisify(execFile);

  it('the built command writes a PNG with resvg', async () => {
    const out = join(dir, 'x.png');
    const args = [AITM_BIN, 'render', EXAMPLE('multi-agent-research-assistant.aitm.json')];
    const run = node(process.execPath, [...args, '--format', 'png', '--out', out]);
    if (!haveFont) {
      await expect(run).rejects.toThrow(/no font to draw the text with/);
      return;
    }
    const { stderr } = await run;
    expect(stderr).toBe('');
    const size = pngSize(readFileSync(out));
    expect(size.width).toBeGreaterThan(1000);
    expect(size.height).toBeGreaterThan(600);
  });

  it('without WebAssembly it says so and exits 2, writing nothing', async () => {
    const out = join(dir, 'none.png');
    const r = await runBinary(
      ['render', EXAMPLE('public-rag-chatbot.aitm.json'), '--format=png', '--out', out],
      {
        cwd: dir,
      },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot load the PNG renderer \(this Node\.js runs without WebAssembly\)/);
    expect(r.stderr).toMatch(/cannot draw a PNG here/);
    expect(() => readFileSync(out)).toThrow();
  });
});
