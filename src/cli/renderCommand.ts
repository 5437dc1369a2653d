import { evaluate, findingBadges, renderDiagramSvg } from '../core';
import { oneOf, parseArgs } from './args';
import { CliError, EXIT_OK, type CliIo } from './io';
import { describeIoError, loadLibraryFrom, loadModel } from './loadInputs';
import { layerPacksFrom } from './loadPacks';
import { emitBytes, emitOutput } from './output';
import { oneLine } from './terminalText';

export const RENDER_USAGE = `Usage: aitm render <model> [--format svg|png] [--out FILE] [--theme light|dark] [--font FILE]...
                   [--library DIR] [--pack FILE]...

Draws the model's data-flow diagram: trust boundaries, components, data flows with their labels
and open-findings badges (from the same analysis as analyze, with the same --library and --pack).
  svg   a standalone SVG file (the default), to stdout or --out
  png   a PNG at twice the diagram's size (smaller for very large models); needs --out
A PNG needs a font to draw text with: --font FILE.ttf (repeatable), or else DejaVu Sans,
Liberation Sans or Arial where they are installed (e.g. Debian's fonts-dejavu-core). Without a
font nothing is written and the exit code is 2.
`;

/** PNGs are drawn at this multiple of the diagram's size, so they stay sharp on a slide. */
const PNG_SCALE = 2;

/**
 * `render <model> [--format svg|png] [--out FILE] [--theme light|dark] [--font FILE]…`: the
 * core's renderDiagramSvg, and for PNG the rasteriser the Node io provides (resvg). Exit 0 on
 * success, 2 on a usage error, an input that cannot be read or a PNG that cannot be drawn.
 */
export function runRender(argv: readonly string[], io: CliIo): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(RENDER_USAGE);
    return EXIT_OK;
  }
  const { positional, options, repeated } = parseArgs(
    argv,
    ['format', 'out', 'theme', 'library'],
    ['pack', 'font'],
  );
  if (positional.length !== 1)
    throw new CliError(`render needs exactly one model file: render <model.aitm.json>\n\n${RENDER_USAGE}`);
  const format = oneOf('format', options.get('format'), ['svg', 'png'] as const, 'svg');
  const theme = oneOf('theme', options.get('theme'), ['light', 'dark'] as const, 'light');
  const out = options.get('out');
  const fonts = repeated.get('font') ?? [];
  if (format === 'png' && out === undefined)
    throw new CliError('render --format png needs --out FILE: a PNG is not written to a terminal');
  if (format === 'svg' && fonts.length > 0)
    throw new CliError('--font is for --format png: an SVG names its fonts and the viewer picks them');
  const library = layerPacksFrom(io, loadLibraryFrom(io, options.get('library')), repeated.get('pack') ?? []);
  const path = positional[0]!;
  const doc = loadModel(io, path, library);
  const svg = renderDiagramSvg(doc, {
    theme,
    badges: findingBadges(evaluate(doc, library)),
    types: library.catalogue.types,
  });
  if (format === 'svg') {
    emitOutput(io, out, 'diagram', (write) => write(svg));
    return EXIT_OK;
  }
  if (!io.rasterisePng)
    throw new CliError(
      'aitm: cannot draw a PNG here (the PNG renderer is not loaded); render --format svg works',
    );
  const { png, fonts: used } = drawPng(io, svg, fonts);
  if (used.length === 0)
    throw new CliError(
      `${oneLine(out!)}: not written: no font to draw the text with; pass --font FILE.ttf, or install DejaVu Sans (Debian and Ubuntu: fonts-dejavu-core), or render --format svg`,
    );
  emitBytes(io, out!, 'diagram', png);
  return EXIT_OK;
}

function drawPng(io: CliIo, svg: string, fonts: readonly string[]) {
  try {
    return io.rasterisePng!(svg, { fontFiles: fonts, scale: PNG_SCALE });
  } catch (error) {
    const { code, path } = (error ?? {}) as { code?: string; path?: string };
    if (code !== undefined)
      throw new CliError(
        `${oneLine(path ?? fonts.join(', '))}: cannot read the font (${describeIoError(error)})`,
      );
    throw new CliError(
      `aitm: cannot draw the PNG (${oneLine(error instanceof Error ? error.message : String(error))})`,
    );
  }
}
