import type { CompiledRule } from './compileRules';
import { traceCondition } from './conditions';
import type { Threat } from '../library/librarySchema';
import type { ThreatModelDocument, Triage } from '../model/document';
import { targetIndex, type Epoch, type ExplanationSource } from './explanationSource';
import { explainFinding } from './explainFinding';
import type { Finding, FindingTrace } from './finding';

/**
 * The trace and `why` of a finding are built on first read. A model of 10,000 components has
 * tens of thousands of findings, of which a panel shows a handful; building every explanation up
 * front was most of the evaluation time. The values are still pure functions of the document
 * and library, so findings stay deterministic; to every reader (spread, JSON.stringify, tests)
 * they behave as ordinary enumerable properties.
 */
interface Pending {
  source: ExplanationSource;
  /**
   * The document the finding holds for. The incremental evaluator shares one epoch among the
   * findings of its current result and moves it on to each new document (the findings it keeps hold
   * there too); a finding it replaces gets an epoch of its own, frozen at its last document.
   */
  epoch: Epoch;
  compiled: CompiledRule;
  summary: string;
  adjustments: readonly string[];
  byDesign: readonly string[];
  /** Depends only on what made the finding fire, so it stays valid for every document the finding is reused in. */
  trace?: FindingTrace;
  why?: string;
  /** The document `why` was written for: it names the components of its path, whose labels can change. */
  whyDoc?: ThreatModelDocument;
}

function traceOf(p: Pending, f: RuleFinding): FindingTrace {
  if (p.trace) return p.trace;
  const ctx = p.source.contextFor(p.epoch.doc);
  const index = targetIndex(ctx, f.targetKind, f.targetId);
  const leaves = p.compiled.when ? traceCondition(p.compiled.when, ctx, index) : [];
  const pathIndices = leaves.find((l) => l.path && l.path.length > 1)?.path ?? [];
  p.trace = {
    leaves,
    path: pathIndices.map((i) => ctx.doc.components[i]!.id),
    adjustments: p.adjustments,
    byDesign: p.byDesign,
    assumedDefaults: [...new Set(leaves.filter((l) => l.defaulted).map((l) => l.fact))],
  };
  return p.trace;
}

/**
 * A finding whose `trace` and `why` are getters on the prototype, so creating one costs no more
 * than a plain object (fields are assigned in one fixed order: one hidden class for all findings).
 * `toJSON` includes them, so serialised findings carry their explanation. Code that copies a
 * finding must read `why` and `trace` explicitly: a spread copies own properties only.
 */
class RuleFinding {
  key: string;
  ruleId: string | null;
  threatId: string;
  title: string;
  description: string;
  targetId: string;
  targetKind: Finding['targetKind'];
  targetLabel: string;
  severity: Finding['severity'];
  likelihood: Finding['likelihood'];
  impact: Finding['impact'];
  status: Finding['status'];
  owner?: string;
  note?: string;
  triaged: boolean;
  stride: Finding['stride'];
  references: Finding['references'];
  mitigations: Finding['mitigations'];
  origin: Finding['origin'];
  /** Set after evaluation by `linkRootCauses`, only on findings that share a root cause. */
  group?: Finding['group'];
  declare outOfScope?: true;
  readonly #pending: Pending;

  // Positional, so a finding is built without an intermediate object (tens of thousands per evaluation).
  constructor(
    key: string,
    ruleId: string | null,
    threatId: string,
    title: string,
    description: string,
    targetId: string,
    targetKind: Finding['targetKind'],
    targetLabel: string,
    severity: Finding['severity'],
    likelihood: Finding['likelihood'],
    impact: Finding['impact'],
    status: Finding['status'],
    owner: string | undefined,
    note: string | undefined,
    triaged: boolean,
    stride: Finding['stride'],
    references: Finding['references'],
    mitigations: Finding['mitigations'],
    pendingInputs: Pending,
  ) {
    this.key = key;
    this.ruleId = ruleId;
    this.threatId = threatId;
    this.title = title;
    this.description = description;
    this.targetId = targetId;
    this.targetKind = targetKind;
    this.targetLabel = targetLabel;
    this.severity = severity;
    this.likelihood = likelihood;
    this.impact = impact;
    this.status = status;
    if (owner !== undefined) this.owner = owner;
    if (note !== undefined) this.note = note;
    this.triaged = triaged;
    this.stride = stride;
    this.references = references;
    this.mitigations = mitigations;
    this.origin = 'rule';
    this.#pending = pendingInputs;
  }

  /** A finding with the fields of `f` (a plain finding or another RuleFinding). */
  static of(f: Omit<Finding, 'why' | 'trace'>, pendingInputs: Pending): RuleFinding {
    const copy = new RuleFinding(
      f.key,
      f.ruleId,
      f.threatId,
      f.title,
      f.description,
      f.targetId,
      f.targetKind,
      f.targetLabel,
      f.severity,
      f.likelihood,
      f.impact,
      f.status,
      f.owner,
      f.note,
      f.triaged,
      f.stride,
      f.references,
      f.mitigations,
      pendingInputs,
    );
    copy.origin = f.origin;
    return copy;
  }

  get trace(): FindingTrace {
    return traceOf(this.#pending, this);
  }

  get why(): string {
    const p = this.#pending;
    if (p.why === undefined || p.whyDoc !== p.epoch.doc) {
      const trace = traceOf(p, this);
      const ctx = trace.path.length > 1 ? p.source.contextFor(p.epoch.doc) : undefined;
      const byId = (id: string) => ctx!.doc.components[ctx!.graph.indexOf.get(id)!]!;
      p.whyDoc = p.epoch.doc;
      p.why = explainFinding({
        summary: p.summary,
        leaves: trace.leaves,
        pathLabels: trace.path.map((id) => byId(id).label || id),
        adjustments: p.adjustments,
        byDesign: p.byDesign,
      });
    }
    return p.why;
  }

  toJSON(): Finding {
    return { ...this, why: this.why, trace: this.trace };
  }

  /** The explanation inputs, for the incremental evaluator (copies share them, see below). */
  get pending(): Pending {
    return this.#pending;
  }
}

/**
 * A copy of a finding with some fields changed (its target's label, its out-of-scope marking), sharing
 * the explanation: what made it fire is the same.
 */
export function withChanges(
  finding: Finding,
  changes: Partial<Pick<Finding, 'targetLabel' | 'outOfScope'>>,
): Finding {
  const source = finding as unknown as RuleFinding;
  // Its own copy of the explanation inputs (what is already explained comes along), so the original
  // can be detached from the current epoch without taking the copy with it.
  const copy = RuleFinding.of(source, { ...source.pending });
  if (source.group !== undefined) copy.group = source.group;
  if (changes.targetLabel !== undefined) copy.targetLabel = changes.targetLabel;
  if ('outOfScope' in changes) {
    if (changes.outOfScope) copy.outOfScope = true;
  } else if (source.outOfScope) copy.outOfScope = true;
  return copy;
}

/** Takes a finding out of a shared epoch before that epoch moves on: it keeps explaining `frozen.doc`. */
export function detach(finding: Finding, frozen: Epoch): void {
  if (finding instanceof RuleFinding) finding.pending.epoch = frozen;
}

/** A finding whose `trace` and `why` are built on first read. */
export function withLazyExplanation(
  finding: Omit<Finding, 'why' | 'trace'>,
  inputs: Omit<Pending, 'trace' | 'why'>,
): Finding {
  return RuleFinding.of(finding, inputs);
}

/** A rule's finding, built straight from its parts (see `fireRule`); triage supplies owner and note. */
export function newRuleFinding(
  key: string,
  ruleId: string,
  threat: Pick<Threat, 'id' | 'title' | 'description' | 'stride'>,
  targetId: string,
  targetKind: Finding['targetKind'],
  targetLabel: string,
  severity: Finding['severity'],
  likelihood: Finding['likelihood'],
  impact: Finding['impact'],
  status: Finding['status'],
  triage: Pick<Triage, 'owner' | 'note'> | undefined,
  references: Finding['references'],
  mitigations: Finding['mitigations'],
  inputs: Omit<Pending, 'trace' | 'why'>,
): Finding {
  return new RuleFinding(
    key,
    ruleId,
    threat.id,
    threat.title,
    threat.description,
    targetId,
    targetKind,
    targetLabel,
    severity,
    likelihood,
    impact,
    status,
    triage?.owner,
    triage?.note,
    triage !== undefined,
    threat.stride,
    references,
    mitigations,
    inputs,
  );
}
