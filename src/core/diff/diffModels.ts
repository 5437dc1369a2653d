import type { Library } from '../library/loadLibrary';
import type { ThreatModelDocument } from '../model/document';
import { flowName } from '../model/flowName';
import { atOrAbove, countFindings, mostSevereFirst } from '../model/findingSeverity';
import type { Severity } from '../model/vocabulary';
import { inScope, type Finding } from '../rules/finding';
import type {
  ChangedFinding,
  DiffElement,
  DiffFinding,
  FindingChange,
  ModelDiff,
  RenamedElement,
  ResolvedFinding,
} from './diffTypes';

export interface DiffInput {
  doc: ThreatModelDocument;
  findings: readonly Finding[];
}

/**
 * What changed from one version of a model to the next, both evaluated with the same library.
 * Findings are matched by key (rule id @ element id), the key their triage is stored under, so a
 * re-triaged finding is a change and not a removal plus an addition; elements by id.
 */
export function diffModels(
  before: DiffInput,
  after: DiffInput,
  library: Pick<Library, 'name' | 'version'>,
  options: { failOnNew?: Severity } = {},
): ModelDiff {
  // Findings of out-of-scope elements do not count (as in reports and --fail-on): marking an
  // element out of scope resolves its findings, bringing it back in scope adds them.
  before = { ...before, findings: before.findings.filter(inScope) };
  after = { ...after, findings: after.findings.filter(inScope) };
  const oldByKey = new Map(before.findings.map((f) => [f.key, f]));
  const newByKey = new Map(after.findings.map((f) => [f.key, f]));
  const newElementIds = new Set(elementsOf(after.doc).map((e) => e.id));

  const added = after.findings.filter((f) => !oldByKey.has(f.key)).map(diffFinding);
  const resolved: ResolvedFinding[] = [];
  const changed: ChangedFinding[] = [];
  for (const old of before.findings) {
    const now = newByKey.get(old.key);
    if (!now) {
      const removed = old.targetKind !== 'model' && !newElementIds.has(old.targetId);
      resolved.push({ ...diffFinding(old), reason: removed ? 'element-removed' : 'no-longer-raised' });
    } else if (now.status === 'mitigated' && old.status !== 'mitigated')
      resolved.push({ ...diffFinding(now), reason: 'mitigated' });
    else {
      const changes = findingChanges(old, now);
      if (changes.length > 0) changed.push({ ...diffFinding(now), changes });
    }
  }
  const elements = elementChanges(elementsOf(before.doc), elementsOf(after.doc));
  const open = (fs: readonly Finding[]) => countFindings(fs).byStatus.open;
  return {
    format: 'ai-threat-model-diff',
    schemaVersion: 1,
    old: meta(before.doc),
    new: meta(after.doc),
    library: { name: library.name, version: library.version },
    summary: {
      findingsAdded: added.length,
      findingsResolved: resolved.length,
      findingsChanged: changed.length,
      elementsAdded: elements.added.length,
      elementsRemoved: elements.removed.length,
      elementsRenamed: elements.renamed.length,
      openBefore: open(before.findings),
      openAfter: open(after.findings),
    },
    findings: { added: sorted(added), resolved: sorted(resolved), changed: sorted(changed) },
    elements,
    ...(options.failOnNew
      ? {
          gate: {
            failOnNew: options.failOnNew,
            findings: newlyBlocking(before.findings, after.findings, options.failOnNew).map((f) => f.key),
          },
        }
      : {}),
  };
}

/**
 * Open findings of the new model at or above `threshold` that were not open at or above it in
 * the old one: added ones, and ones the change raised there (re-opened, or made more severe).
 * That is what a pull request brings to the gate; findings already blocking before it do not
 * fail it again.
 */
export function newlyBlocking(
  before: readonly Finding[],
  after: readonly Finding[],
  threshold: Severity,
): Finding[] {
  const blocks = (f: Finding | undefined) =>
    f !== undefined && f.status === 'open' && atOrAbove(f.severity, threshold);
  const oldByKey = new Map(before.map((f) => [f.key, f]));
  return after.filter((f) => blocks(f) && !blocks(oldByKey.get(f.key)));
}

function findingChanges(old: Finding, now: Finding): FindingChange[] {
  const changes: FindingChange[] = [];
  const compare = (field: FindingChange['field'], from: string | undefined, to: string | undefined) => {
    if ((from ?? '') !== (to ?? ''))
      changes.push({ field, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
  };
  compare('severity', old.severity, now.severity);
  compare('status', old.status, now.status);
  compare('owner', old.owner, now.owner);
  compare('note', old.note?.trim() || undefined, now.note?.trim() || undefined);
  return changes;
}

function diffFinding(f: Finding): DiffFinding {
  return {
    key: f.key,
    threatId: f.threatId,
    title: f.title,
    targetId: f.targetId,
    targetKind: f.targetKind,
    targetLabel: f.targetLabel,
    severity: f.severity,
    status: f.status,
    ...(f.owner !== undefined ? { owner: f.owner } : {}),
  };
}

function meta(doc: ThreatModelDocument): ModelDiff['old'] {
  return { title: doc.meta.title, ...(doc.meta.version ? { version: doc.meta.version } : {}) };
}

/** Most severe first, then by key: the order a reviewer reads them in. */
function sorted<T extends DiffFinding>(list: T[]): T[] {
  return list.sort(mostSevereFirst);
}

/** An element with the label it is shown by and the label of its own (a flow's, not its ends'). */
type Labelled = DiffElement & { own: string };

function elementsOf(doc: ThreatModelDocument): Labelled[] {
  const names = new Map(doc.components.map((c) => [c.id, c.label]));
  return [
    ...doc.trustBoundaries.map((b): Labelled => ({
      id: b.id,
      kind: 'trustBoundary',
      label: b.label,
      own: b.label,
    })),
    ...doc.components.map((c): Labelled => ({ id: c.id, kind: 'component', label: c.label, own: c.label })),
    ...doc.dataFlows.map((f): Labelled => ({
      id: f.id,
      kind: 'dataFlow',
      label: flowName(f, (id) => names.get(id), { withLabel: true }),
      own: f.label,
    })),
  ];
}

const shown = ({ id, kind, label }: Labelled): DiffElement => ({ id, kind, label });

/** A flow renamed means its own label changed: renaming a component is not a change of its flows. */
function elementChanges(before: readonly Labelled[], after: readonly Labelled[]): ModelDiff['elements'] {
  const id = (e: Labelled) => `${e.kind}\u0000${e.id}`;
  const oldById = new Map(before.map((e) => [id(e), e]));
  const newById = new Map(after.map((e) => [id(e), e]));
  const renamed: RenamedElement[] = [];
  for (const e of after) {
    const old = oldById.get(id(e));
    if (old && old.own !== e.own) renamed.push({ id: e.id, kind: e.kind, from: old.label, to: e.label });
  }
  return {
    added: after.filter((e) => !oldById.has(id(e))).map(shown),
    removed: before.filter((e) => !newById.has(id(e))).map(shown),
    renamed,
  };
}
