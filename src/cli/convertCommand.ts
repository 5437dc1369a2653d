export function runConvert(_args: string[], io: import('./io').CliIo): number {
  io.stderr('convert is not available yet\n');
  return 2;
}
