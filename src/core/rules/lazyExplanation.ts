import type { CompiledRule } from './compileRules';
import { traceCondition } from './conditions';
import type { ThreatModelDocument } from '../model/document';
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
  /**
   * What made the finding fire holds in every document the finding is reused in, but the path shown
   * for it is the one the search of that document finds first: built again when the document moved.
   */
  trace?: FindingTrace;
  traceDoc?: ThreatModelDocument;
  why?: string;
  /** The document `why` was written for: it names the components of its path, whose labels can change. */
  whyDoc?: ThreatModelDocument;
}

function traceOf(p: Pending, f: RuleFinding): FindingTrace {
  if (p.trace && p.traceDoc === p.epoch.doc) return p.trace;
  p.traceDoc = p.epoch.doc;
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

  constructor(f: Omit<Finding, 'why' | 'trace'>, pendingInputs: Pending) {
    this.key = f.key;
    this.ruleId = f.ruleId;
    this.threatId = f.threatId;
    this.title = f.title;
    this.description = f.description;
    this.targetId = f.targetId;
    this.targetKind = f.targetKind;
    this.targetLabel = f.targetLabel;
    this.severity = f.severity;
    this.likelihood = f.likelihood;
    this.impact = f.impact;
    this.status = f.status;
    if (f.owner !== undefined) this.owner = f.owner;
    if (f.note !== undefined) this.note = f.note;
    this.triaged = f.triaged;
    this.stride = f.stride;
    this.references = f.references;
    this.mitigations = f.mitigations;
    this.origin = f.origin;
    this.#pending = pendingInputs;
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
  const copy = new RuleFinding(source, { ...source.pending });
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
  return new RuleFinding(finding, inputs);
}
