import { CURRENT_SCHEMA_VERSION } from '../model/document';
import type { Problem } from '../model/problems';

/**
 * A migration turns a raw document of version N into a raw document of version N+1. Migrations run
 * on untrusted data before validation, so they must tolerate any shape and never throw.
 */
export type Migration = (raw: Record<string, unknown>) => Record<string, unknown>;

/** Migrations keyed by the version they upgrade from. Version 1 is the first public version. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

/**
 * Brings a raw document to `targetVersion`, one step at a time. A document from a newer version of
 * the tool is refused rather than guessed at: silently dropping fields we do not know would lose
 * the user's work when they save.
 */
export function migrateDocument(
  raw: Record<string, unknown>,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  targetVersion: number = CURRENT_SCHEMA_VERSION,
): { ok: true; value: Record<string, unknown>; migratedFrom?: number } | { ok: false; problem: Problem } {
  const version = raw['schemaVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return {
      ok: false,
      problem: {
        path: '$.schemaVersion',
        message: `must be a positive whole number (this tool writes ${targetVersion})`,
      },
    };
  }
  if (version > targetVersion) {
    return {
      ok: false,
      problem: {
        path: '$.schemaVersion',
        message: `version ${version} was written by a newer release of this tool; this release reads versions up to ${targetVersion}. Update the tool to open it.`,
      },
    };
  }
  let current = raw;
  for (let v = version; v < targetVersion; v++) {
    const step = migrations[v];
    if (!step)
      return {
        ok: false,
        problem: { path: '$.schemaVersion', message: `no migration from version ${v} to ${v + 1}` },
      };
    current = { ...step(current), schemaVersion: v + 1 };
  }
  return version === targetVersion
    ? { ok: true, value: current }
    : { ok: true, value: current, migratedFrom: version };
}
