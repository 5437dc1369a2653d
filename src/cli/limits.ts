/**
 * Every size limit of the CLI, in one place. A hostile pull request controls the files the CLI
 * reads in CI, so each resource it spends on them is bounded here.
 *
 * These belong with the core's limits table once it exists (the document and library limits
 * live in src/core); the CLI would then import them from src/core/index.ts.
 */
export const CLI_LIMITS = {
  /** A model, rule pack, library file or other tool's file: no real one is anywhere near it. */
  maxInputBytes: 20 * 1024 * 1024,
  /**
   * A report or converted file. A valid 20 MB model can describe millions of findings; its
   * reports would take gigabytes of memory and disk. A 2,000-component model reports in ~10 MB.
   */
  maxOutputBytes: 100 * 1024 * 1024,
} as const;

/** A byte count the way messages show it: "20 MB", "1.5 MB", "10 KB". */
export function megabytes(bytes: number): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / 1024 / 1024, 'MB'] : [bytes / 1024, 'KB'];
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}
