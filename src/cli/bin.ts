// First: zod must know it may not compile code before the core builds its schemas.
import './noDynamicCode';
import { main } from './main';
import { createNodeIo } from './nodeIo';
import { loadPngRasteriser } from './node/pngRasteriser';

const argv = process.argv.slice(2);
const io = createNodeIo();
// The PNG renderer is WebAssembly, which loads asynchronously: loaded here, before the
// synchronous main(), and only for `render --format png`, so no other command pays for it.
if (argv[0] === 'render' && wantsPng(argv)) {
  try {
    io.rasterisePng = await loadPngRasteriser();
  } catch (error) {
    io.stderr(
      `aitm: cannot load the PNG renderer (${error instanceof Error ? error.message : String(error)})\n`,
    );
  }
}
process.exitCode = main(argv, io);

/** `--format png` or `--format=png` among the arguments (main() checks them properly). */
function wantsPng(args: readonly string[]): boolean {
  return args.some((arg, i) => arg === '--format=png' || (arg === '--format' && args[i + 1] === 'png'));
}
