import { readFileSync, readlinkSync } from 'node:fs';

/**
 * True when the CLI was started with its standard output closed (`aitm analyze m.json >&-`).
 * Node never lets a program see that: at start-up it opens /dev/null, read-write, in place of a
 * closed descriptor 0–2, so every write "succeeds" and the report is lost without a word. A
 * shell's own `>/dev/null` (or `>>`) opens it write-only, which tells the two apart. Linux only
 * (/proc): elsewhere this says false and the CLI behaves as before. `1<>/dev/null`, which opens
 * it read-write on purpose, is taken for a closed stdout too; nothing useful reads it anyway.
 */
export function stdoutWasClosed(): boolean {
  try {
    if (readlinkSync('/proc/self/fd/1') !== '/dev/null') return false;
    const flags = /^flags:\s*([0-7]+)/m.exec(readFileSync('/proc/self/fdinfo/1', 'utf8'));
    // The access mode is the low two bits: 0 read-only, 1 write-only, 2 read-write.
    return flags !== null && (parseInt(flags[1]!, 8) & 3) === 2;
  } catch {
    return false;
  }
}
