import type { z } from 'zod';
import { checkProperties } from '../document/checkProperties';
import { checkReferences } from '../document/checkReferences';
import { parseDocument, type ParseDocumentOptions } from '../document/parseDocument';
import { LIMITS } from '../limits';
import {
  ComponentSchema,
  DataFlowSchema,
  TriageSchema,
  TrustBoundarySchema,
  UserThreatSchema,
  type ThreatModelDocument,
} from '../model/document';
import { checkUntrustedJson } from '../model/untrustedJson';
import type { Problem } from '../model/problems';
import type { CollectionName } from './yLayout';

type Raw = Record<string, unknown>;

const ELEMENT_SCHEMAS: Record<CollectionName, z.ZodType> = {
  trustBoundaries: TrustBoundarySchema,
  components: ComponentSchema,
  dataFlows: DataFlowSchema,
  userThreats: UserThreatSchema,
};

/** Longest triage key DocumentSchema accepts (two ids and the separator). */
const MAX_TRIAGE_KEY = 401;

export interface GateMemory {
  /** Parts (elements, triage entries) the gate accepted, by identity. */
  readonly accepted: WeakSet<object>;
  header: { key: readonly unknown[]; ok: boolean } | undefined;
}

export type GateVerdict =
  | { ok: true; migrated?: undefined }
  /** An older schemaVersion, migrated by parseDocument: its result, not the raw input, is the model. */
  | { ok: true; migrated: ThreatModelDocument }
  | { ok: false; problems: Problem[] };

/**
 * Below this many parts not yet accepted, or when they are under a quarter of the model, the gate
 * goes part by part; above (a first read, a whole model replaced) one parseDocument call is
 * cheaper than thousands of small ones.
 */
const WHOLE_READ_PARTS = 64;

/**
 * The validating gate for a document read from a room: parseDocument's verdict, reached part by
 * part when only a few parts are new (acceptsIncrementally). On any failure, the problems are
 * parseDocument's own, exactly as for a file.
 */
export function gateDocument(raw: Raw, memory: GateMemory, options: ParseDocumentOptions): GateVerdict {
  const parts = partsOf(raw);
  let fresh = 0;
  for (const part of parts) if (!memory.accepted.has(part)) fresh++;
  if (fresh <= WHOLE_READ_PARTS || fresh * 4 < parts.length) {
    const fast = acceptsIncrementally(raw, memory.accepted, memory.header, options);
    memory.header = fast.header;
    if (fast.ok) return { ok: true };
  }
  const parsed = parseDocument(raw, options);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  if (parsed.warnings.length > 0) return { ok: true, migrated: parsed.value };
  for (const part of parts) memory.accepted.add(part);
  memory.header = { key: headerKeyOf(raw), ok: true };
  return { ok: true };
}

function partsOf(raw: Raw): Raw[] {
  const parts: Raw[] = [];
  for (const name of Object.keys(ELEMENT_SCHEMAS)) for (const item of raw[name] as Raw[]) parts.push(item);
  const triage = raw['triage'] as Raw;
  for (const key of Object.keys(triage)) parts.push(triage[key] as Raw);
  return parts;
}

function headerKeyOf(raw: Raw): unknown[] {
  return [raw['$schema'], raw['format'], raw['schemaVersion'], raw['meta'], raw['interop']];
}

/**
 * parseDocument, element by element. Accepting means exactly what parseDocument's accepting means
 * — the same checks in the same order: the structural scan (checkUntrustedJson, at each part's
 * depth in the document), the schema of each part, the limits on counts, the cross-references and
 * the properties against the catalogue — but an element already accepted at an earlier read is
 * not checked again (`accepted` remembers it by identity; the reader rebuilds an element only
 * when its Y.Map changed). The document-wide checks (references, properties) run whole every
 * time: they are linear and cheap next to schema validation.
 *
 * It only ever accepts. Whenever anything fails, gateDocument runs the full parseDocument on the
 * same input, so that every problem is reported exactly as for a file (and if the two ever
 * disagreed, parseDocument decides).
 */
function acceptsIncrementally(
  raw: Raw,
  accepted: WeakSet<object>,
  header: { key: readonly unknown[]; ok: boolean } | undefined,
  options: ParseDocumentOptions,
): { ok: boolean; header: { key: readonly unknown[]; ok: boolean } } {
  const headerKey = headerKeyOf(raw);
  let headerOk: boolean;
  if (header !== undefined && headerKey.every((v, i) => v === header.key[i])) headerOk = header.ok;
  else {
    // Format, version, meta and interop through the gate itself, with no elements.
    const shell: Raw = {};
    for (const key of ['$schema', 'format', 'schemaVersion', 'meta', 'interop']) {
      if (raw[key] !== undefined) shell[key] = raw[key];
    }
    const parsed = parseDocument(shell, options);
    // A migrated document (older schemaVersion) is left to the full gate.
    headerOk = parsed.ok && parsed.warnings.length === 0;
  }
  const result = { ok: false, header: { key: headerKey, ok: headerOk } };
  if (!headerOk) return result;

  for (const name of Object.keys(ELEMENT_SCHEMAS) as CollectionName[]) {
    const items = raw[name] as Raw[];
    if (items.length > LIMITS[name].value) return result;
    for (const item of items) if (!acceptPart(item, ELEMENT_SCHEMAS[name], accepted)) return result;
  }
  const triage = raw['triage'] as Raw;
  const keys = Object.keys(triage);
  if (keys.length > LIMITS.triageEntries.value) return result;
  for (const key of keys) {
    if (key.length > MAX_TRIAGE_KEY) return result;
    if (!acceptPart(triage[key] as Raw, TriageSchema, accepted)) return result;
  }
  // Forbidden keys among the triage keys themselves (the parts were scanned one by one).
  if (checkUntrustedJson(Object.fromEntries(keys.map((k) => [k, null]))).length > 0) return result;
  const doc = raw as ThreatModelDocument;
  if (checkReferences(doc).length > 0 || checkProperties(doc, options.catalogue).length > 0) return result;
  return { ...result, ok: true };
}

function acceptPart(part: Raw, schema: z.ZodType, accepted: WeakSet<object>): boolean {
  if (accepted.has(part)) return true;
  // Every part sits two levels down in the document ($.components[3], $.triage["key"]): the
  // wrapper puts it at the same depth for the structural scan.
  if (checkUntrustedJson([[part]]).length > 0) return false;
  if (!schema.safeParse(part).success) return false;
  accepted.add(part);
  return true;
}
