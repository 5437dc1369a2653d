import { LIMITS } from '../core';

/**
 * The size limits the CLI enforces itself (reading files, writing reports), taken from the core's
 * one limits table (src/core/limits.ts, listed in SECURITY.md) so the CLI, the editor and the
 * documentation never disagree. A hostile pull request controls the files the CLI reads in CI.
 * Kept as one object so tests can lower a limit.
 */
export const CLI_LIMITS = {
  /** A model, rule pack, library file or other tool's file: no real one is anywhere near it. */
  maxInputBytes: LIMITS.inputBytes.value,
  /** A report or converted file (a 2,000-component model reports in about 10 MB). */
  maxOutputBytes: LIMITS.outputBytes.value,
  /** A `--library` folder: JSON files in it, entries walked to find them, and their bytes together. */
  libraryFiles: LIMITS.libraryFiles.value,
  libraryEntries: LIMITS.libraryEntries.value,
  libraryBytes: LIMITS.libraryBytes.value,
} as const;

/** A byte count the way messages show it: "20 MB", "1.5 MB", "10 KB". */
export function megabytes(bytes: number): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / 1024 / 1024, 'MB'] : [bytes / 1024, 'KB'];
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}
