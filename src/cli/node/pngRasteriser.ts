import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { PngRasteriser } from '../io';
import { readRegularBytes } from './readRegularFile';

/**
 * PNG output of `aitm render`: resvg (a Rust SVG renderer compiled to WebAssembly, so nothing
 * native to install) draws the SVG the core renders. The package is left out of the CLI bundle
 * (vite.cli.config.ts) and loaded only for a PNG; its .wasm file is found next to it.
 *
 * resvg in WebAssembly cannot see the system's fonts: without font files it draws no text at
 * all. So it is given font files, the ones named with --font, or else the first family found of
 * a few common sans-serif fonts (DejaVu Sans and Liberation Sans on Linux, Arial on macOS and
 * Windows). The caller refuses to write a PNG when none is found, rather than one without text.
 */

/** Common sans-serif fonts, regular then bold, by family; the first family with a regular file is used. */
export const SYSTEM_FONTS: readonly (readonly string[])[] = [
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'],
  ['/usr/share/fonts/TTF/DejaVuSans.ttf', '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf'],
  [
    '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf',
    '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf',
  ],
  [
    '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
  ],
  [
    '/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf',
    '/usr/share/fonts/liberation-sans/LiberationSans-Bold.ttf',
  ],
  ['/System/Library/Fonts/Supplemental/Arial.ttf', '/System/Library/Fonts/Supplemental/Arial Bold.ttf'],
  ['/Library/Fonts/Arial.ttf', '/Library/Fonts/Arial Bold.ttf'],
  ['C:\\Windows\\Fonts\\arial.ttf', 'C:\\Windows\\Fonts\\arialbd.ttf'],
];

/** A font file larger than this is refused (the largest common fonts are a few MB). */
const MAX_FONT_BYTES = 64 * 1024 * 1024;
/** Largest side and area of a PNG: a huge model is drawn smaller rather than exhausting memory. */
const MAX_SIDE = 16_384;
const MAX_PIXELS = 64_000_000;

/** The font files to draw with: the ones given, else the first system family found (maybe none). */
export function fontFilesToUse(given: readonly string[]): string[] {
  if (given.length > 0) return [...given];
  const family = SYSTEM_FONTS.find((files) => existsSync(files[0]!));
  return family ? family.filter((file) => existsSync(file)) : [];
}

/** Loads resvg: a rejected promise when this Node cannot run WebAssembly or the package is missing. */
export async function loadPngRasteriser(): Promise<PngRasteriser> {
  if ((globalThis as { WebAssembly?: unknown }).WebAssembly === undefined)
    throw new Error('this Node.js runs without WebAssembly');
  const { initWasm, Resvg } = await import('@resvg/resvg-wasm');
  const wasm = createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm');
  await initWasm(readFileSync(wasm));
  return (svg, { fontFiles, scale }) => {
    const fonts = fontFilesToUse(fontFiles);
    const fontBuffers = fonts.map((file) => {
      try {
        return readRegularBytes(file, MAX_FONT_BYTES).bytes;
      } catch (error) {
        // The caller names the file in its message.
        throw Object.assign(error instanceof Error ? error : new Error(String(error)), { path: file });
      }
    });
    const { width, height } = svgSize(svg);
    const zoom = Math.min(
      scale,
      MAX_SIDE / width,
      MAX_SIDE / height,
      Math.sqrt(MAX_PIXELS / (width * height)),
    );
    const renderer = new Resvg(svg, { font: { fontBuffers }, fitTo: { mode: 'zoom', value: zoom } });
    try {
      return { png: renderer.render().asPng(), fonts };
    } finally {
      renderer.free();
    }
  };
}

/** The size the SVG's root declares (renderDiagramSvg always writes whole pixels). */
function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const read = (name: string) => Math.max(1, Number(new RegExp(`\\s${name}="(\\d+)"`).exec(root)?.[1] ?? 1));
  return { width: read('width'), height: read('height') };
}
