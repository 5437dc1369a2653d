/**
 * Finds the interop functions (Threat Dragon / Threat Composer / OTM / TM-BOM importers, CSV export) wherever
 * they are exported, so the fuzz targets and the CSV injection test pick them up as soon as they
 * land: the public barrel src/core/index.ts first, then src/core/interop/index.ts. Nothing is
 * imported by a static path, so this file compiles before the interop module exists.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '../../../src/core/index';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

type AnyFunction = (...args: unknown[]) => unknown;

export interface Importer {
  name: string;
  /** Which fixtures it reads; `any` for the format-detecting importer. */
  tool: 'threat-dragon' | 'threat-composer' | 'otm' | 'tm-bom' | 'any';
  run: (input: unknown, options: { catalogue: core.Catalogue }) => unknown;
}

/** An exporter to another tool's JSON: (document, findings) → text. */
export interface Exporter {
  name: string;
  run: (doc: core.ThreatModelDocument, findings: readonly core.Finding[]) => unknown;
}

export interface Interop {
  /** Where the functions were found, for the fuzz report. */
  source: string;
  importers: Importer[];
  exporters: Exporter[];
  /** The CSV exporter, if one exists: (findings) → CSV text. */
  csv?: { name: string; run: AnyFunction };
}

async function exportsOf(): Promise<{ source: string; exports: Record<string, unknown> }[]> {
  const found = [{ source: 'src/core/index.ts', exports: core as Record<string, unknown> }];
  const interopIndex = join(REPO_ROOT, 'src/core/interop/index.ts');
  if (existsSync(interopIndex)) {
    const specifier = interopIndex;
    found.push({
      source: 'src/core/interop/index.ts',
      exports: (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>,
    });
  }
  return found;
}

export async function loadInterop(): Promise<Interop> {
  const importers: Importer[] = [];
  const exporters: Exporter[] = [];
  let csv: Interop['csv'];
  const sources: string[] = [];
  const seen = new Set<string>();
  for (const { source, exports } of await exportsOf()) {
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value !== 'function' || seen.has(name)) continue;
      const tool = /^import.*dragon/i.test(name)
        ? 'threat-dragon'
        : /^import.*composer/i.test(name)
          ? 'threat-composer'
          : /^import.*otm$/i.test(name)
            ? 'otm'
            : /^import.*tmbom$/i.test(name)
              ? 'tm-bom'
              : name === 'importDocument'
                ? 'any'
                : undefined;
      if (tool) importers.push({ name, tool, run: value as Importer['run'] });
      else if (/^export.*(dragon|composer|otm|tmbom)json$/i.test(name))
        exporters.push({ name, run: value as Exporter['run'] });
      else if (!csv && /^export.*csv$/i.test(name)) csv = { name, run: value as AnyFunction };
      else continue;
      seen.add(name);
      sources.push(`${name} (${source})`);
    }
  }
  return { source: sources.join(', ') || 'none exported yet', importers, exporters, ...(csv ? { csv } : {}) };
}

export interface Fixture {
  name: string;
  tool: Exclude<Importer['tool'], 'any'>;
  content: unknown;
}

/** The real files of other tools: tests/fixtures, else ../shared/fixtures beside the repository. */
export function loadFixtures(): Fixture[] {
  const root = [join(REPO_ROOT, 'tests/fixtures'), resolve(REPO_ROOT, '../shared/fixtures')].find((dir) =>
    existsSync(join(dir, 'threat-dragon')),
  );
  const out: Fixture[] = [];
  if (root === undefined) return out;
  for (const tool of ['threat-dragon', 'threat-composer', 'otm', 'tm-bom'] as const) {
    const dir = join(root, tool);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      out.push({
        name: `${tool}/${file}`,
        tool,
        content: JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown,
      });
    }
  }
  return out;
}
