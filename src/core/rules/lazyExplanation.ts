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

/** Where a finding's explanation gets its context, and the document it holds for. */
export interface ExplainInputs {
  source: ExplanationSource;
  /**
   * The document the finding holds for. The incremental evaluator shares one epoch among the
   * findings of its current result and moves it on to each new document (the findings it keeps hold
   * there too); a finding it replaces gets an epoch of its own, frozen at its last document.
   */
  epoch: Epoch;
}

/**
 * Which of a rule's adjustments (or by-design entries) held: one bit per entry, in order, or —
 * past 30 entries — their reasons. A number costs nothing per finding; the reasons are listed
 * only when the finding is explained.
 */
export type HeldEntries = number | readonly string[];
const MASK_ENTRIES = 30;
const EMPTY: readonly string[] = Object.freeze([]);

/** Whether `held` records entries by bit (for a list of this many entries). */
export function heldByBit(entries: number): boolean {
  return entries <= MASK_ENTRIES;
}

/** The reasons of the entries that held, in the rule's order. */
export function heldReasons(entries: readonly { reason: string }[], held: HeldEntries): readonly string[] {
  if (typeof held !== 'number') return held;
  if (held === 0) return EMPTY;
  const reasons: string[] = [];
  for (let n = 0; n < entries.length; n++) if (held & (1 << n)) reasons.push(entries[n]!.reason);
  return reasons;
}

/** What is already explained. */
interface Explained {
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

/**
 * A finding whose `trace` and `why` are getters on the prototype, so creating one costs no more
 * than a plain object (fields are assigned in one fixed order: one hidden class for all findings).
 * What the explanation needs is kept in private fields of the finding itself — no object of its
 * own per finding — and never the evaluation context. `toJSON` includes the explanation, so
 * serialised findings carry it. Code that copies a finding must read `why` and `trace`
 * explicitly: a spread copies own properties only.
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
  #explain: ExplainInputs;
  readonly #compiled: CompiledRule;
  readonly #adjusted: HeldEntries;
  readonly #byDesigned: HeldEntries;
  #explained: Explained | undefined;

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
    explain: ExplainInputs,
    compiled: CompiledRule,
    adjusted: HeldEntries,
    byDesigned: HeldEntries,
    explained: Explained | undefined,
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
    this.#explain = explain;
    this.#compiled = compiled;
    this.#adjusted = adjusted;
    this.#byDesigned = byDesigned;
    this.#explained = explained;
  }

  get trace(): FindingTrace {
    const explained = (this.#explained ??= {});
    const { source, epoch } = this.#explain;
    if (explained.trace && explained.traceDoc === epoch.doc) return explained.trace;
    explained.traceDoc = epoch.doc;
    const compiled = this.#compiled;
    const ctx = source.contextFor(epoch.doc);
    const index = targetIndex(ctx, this.targetKind, this.targetId);
    const leaves = compiled.when ? traceCondition(compiled.when, ctx, index) : [];
    const pathIndices = leaves.find((l) => l.path && l.path.length > 1)?.path ?? [];
    explained.trace = {
      leaves,
      path: pathIndices.map((i) => ctx.doc.components[i]!.id),
      adjustments: heldReasons(compiled.adjust, this.#adjusted),
      byDesign: heldReasons(compiled.byDesign, this.#byDesigned),
      assumedDefaults: [...new Set(leaves.filter((l) => l.defaulted).map((l) => l.fact))],
    };
    return explained.trace;
  }

  get why(): string {
    const explained = (this.#explained ??= {});
    const { source, epoch } = this.#explain;
    if (explained.why === undefined || explained.whyDoc !== epoch.doc) {
      const trace = this.trace;
      const ctx = trace.path.length > 1 ? source.contextFor(epoch.doc) : undefined;
      const byId = (id: string) => ctx!.doc.components[ctx!.graph.indexOf.get(id)!]!;
      explained.whyDoc = epoch.doc;
      explained.why = explainFinding({
        // The finding's title is its threat's.
        summary: this.#compiled.rule.summary ?? this.title,
        leaves: trace.leaves,
        pathLabels: trace.path.map((id) => byId(id).label || id),
        adjustments: trace.adjustments,
        byDesign: trace.byDesign,
      });
    }
    return explained.why;
  }

  toJSON(): Finding {
    return { ...this, why: this.why, trace: this.trace };
  }

  /**
   * A copy sharing what made it fire, with its own record of what is explained (what is already
   * explained comes along), so the original can be detached from the current epoch without taking
   * the copy with it.
   */
  copy(): RuleFinding {
    return new RuleFinding(
      this.key,
      this.ruleId,
      this.threatId,
      this.title,
      this.description,
      this.targetId,
      this.targetKind,
      this.targetLabel,
      this.severity,
      this.likelihood,
      this.impact,
      this.status,
      this.owner,
      this.note,
      this.triaged,
      this.stride,
      this.references,
      this.mitigations,
      this.#explain,
      this.#compiled,
      this.#adjusted,
      this.#byDesigned,
      this.#explained && { ...this.#explained },
    );
  }

  /** Keeps explaining `frozen.doc` whatever the shared epoch moves on to. */
  detach(frozen: Epoch): void {
    this.#explain = { source: this.#explain.source, epoch: frozen };
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
  const copy = (finding as unknown as RuleFinding).copy();
  if (finding.group !== undefined) copy.group = finding.group;
  if (changes.targetLabel !== undefined) copy.targetLabel = changes.targetLabel;
  if ('outOfScope' in changes) {
    if (changes.outOfScope) copy.outOfScope = true;
  } else if (finding.outOfScope) copy.outOfScope = true;
  return copy;
}

/** Takes a finding out of a shared epoch before that epoch moves on: it keeps explaining `frozen.doc`. */
export function detach(finding: Finding, frozen: Epoch): void {
  if (finding instanceof RuleFinding) finding.detach(frozen);
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
  explain: ExplainInputs,
  compiled: CompiledRule,
  adjusted: HeldEntries,
  byDesigned: HeldEntries,
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
    explain,
    compiled,
    adjusted,
    byDesigned,
    undefined,
  );
}
