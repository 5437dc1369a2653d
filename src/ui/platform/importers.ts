import type { Catalogue, ParseResult, ThreatModelDocument } from '../../core';

/**
 * The import hook for other tools' formats (Threat Dragon, Threat Composer). Converters live in
 * the core (src/core/interop) and are registered here by the shell; opening a file whose JSON is
 * not an ai-threat-model document asks each importer in turn. None is registered yet.
 */
export interface DocumentImporter {
  id: string;
  /** Shown in messages, e.g. "Threat Dragon v2". */
  label: string;
  /** True when the parsed JSON looks like this importer's format. */
  detect(json: unknown): boolean;
  /** Converts to a document; the result must still pass parseDocument (the importer's job). */
  convert(json: unknown, catalogue: Catalogue): ParseResult<ThreatModelDocument>;
}

const registry: DocumentImporter[] = [];

export function registerImporter(importer: DocumentImporter): () => void {
  registry.push(importer);
  return () => {
    const i = registry.indexOf(importer);
    if (i >= 0) registry.splice(i, 1);
  };
}

export function findImporter(json: unknown): DocumentImporter | undefined {
  return registry.find((importer) => importer.detect(json));
}
