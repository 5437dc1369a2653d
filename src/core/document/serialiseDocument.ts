import type {
  Component,
  DataFlow,
  Triage,
  ThreatModelDocument,
  TrustBoundary,
  UserThreat,
} from '../model/document';

/**
 * Writes a document as JSON with a stable key order, two-space indentation and a final newline, so
 * that a model kept in git diffs line by line and a parse → serialise round trip is byte-identical.
 * Array order is the user's order; map-like objects (props, triage) are sorted by key.
 */
export function serialiseDocument(doc: ThreatModelDocument): string {
  const ordered: Record<string, unknown> = {};
  if (doc.$schema !== undefined) ordered['$schema'] = doc.$schema;
  ordered['format'] = doc.format;
  ordered['schemaVersion'] = doc.schemaVersion;
  ordered['meta'] = serialisedParts.meta(doc.meta);
  ordered['trustBoundaries'] = doc.trustBoundaries.map(serialisedParts.boundary);
  ordered['components'] = doc.components.map(serialisedParts.component);
  ordered['dataFlows'] = doc.dataFlows.map(serialisedParts.flow);
  ordered['triage'] = Object.fromEntries(
    Object.keys(doc.triage)
      .sort()
      .map((key) => [key, serialisedParts.triage(doc.triage[key]!)]),
  );
  if (doc.userThreats.length > 0) ordered['userThreats'] = doc.userThreats.map(serialisedParts.userThreat);
  // Another tool's data, as that tool wrote it (its own key order): not ours to reorder.
  if (doc.interop !== undefined) ordered['interop'] = doc.interop;
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/**
 * Each part of a document as serialiseDocument writes it (its keys in their written order), for a
 * writer that keeps the text of unchanged parts between saves (the editor's autosave).
 */
export const serialisedParts = {
  meta: (meta: ThreatModelDocument['meta']) => pick(meta, ['title', 'description', 'owner', 'version']),
  boundary: (b: TrustBoundary) =>
    pick(b, ['id', 'label', 'zone', 'parentId', 'description', 'position', 'size']),
  component: (c: Component) => {
    const out = pick(c, ['id', 'type', 'label', 'description', 'boundaryId', 'position']);
    if (c.props !== undefined) out['props'] = sortKeys(c.props);
    if (c.outOfScope !== undefined) out['outOfScope'] = pick(c.outOfScope, ['reason']);
    return out;
  },
  flow: (f: DataFlow) => {
    const out = pick(f, ['id', 'sourceId', 'targetId', 'label', 'description']);
    if (f.props !== undefined)
      out['props'] = pick(f.props, [
        'encrypted',
        'authenticated',
        'protocol',
        'data',
        'crossesBoundary',
        'kind',
        'local',
      ]);
    if (f.outOfScope !== undefined) out['outOfScope'] = pick(f.outOfScope, ['reason']);
    return out;
  },
  triage: (t: Triage) => {
    const out = pick(t, ['status', 'owner', 'note']);
    if (t.mitigations !== undefined) out['mitigations'] = sortKeys(t.mitigations);
    return out;
  },
  userThreat: (t: UserThreat) =>
    pick(t, [
      'id',
      'targetId',
      'title',
      'description',
      'severity',
      'status',
      'owner',
      'note',
      'mitigations',
      'source',
    ]),
};

function pick<T extends object>(value: T, keys: readonly string[]): Record<string, unknown> {
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

function sortKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, value[k]]),
  );
}
