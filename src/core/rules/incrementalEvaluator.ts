import { canonicalOrder } from '../document/canonicalOrder';
import type { Library } from '../library/loadLibrary';
import type { ThreatModelDocument, UserThreat } from '../model/document';
import { MODEL_TARGET_ID, type TargetKind } from '../model/vocabulary';
import { FINDING_KEY_SEPARATOR } from './findingKey';
import type { CompiledRule } from './compileRules';
import { testCondition, type CompiledCondition } from './conditions';
import { documentChanges, type DocumentChanges } from './documentChanges';
import { byKey } from './evaluate';
import { buildEvaluationContext, type EvaluationContext } from './evaluationContext';
import { extendedContext, flowIndexIn, reanalysedContext } from './nextContext';
import { standaloneSource, type Epoch, type ExplanationSource } from './explanationSource';
import type { Finding } from './finding';
import { linkRootCauses, type RootCauseCandidate } from './findingGroups';
import { fireRule, type ExplainInputs } from './fireRule';
import { fireTarget, flowLabel } from './fireTargets';
import { detach, withChanges } from './lazyExplanation';
import { userThreatFinding } from './userThreatFindings';
import { mergeFindings } from './mergeFindings';

/** Evaluates successive versions of a document, reusing the work of the previous call. */
export interface Evaluator {
  /** Exactly `evaluate(doc, library)`: same findings, same order, same fields and explanations. */
  evaluate(doc: ThreatModelDocument): Finding[];
}

/** The evaluator's view of the last document it evaluated. */
interface State {
  input: ThreatModelDocument;
  /** The canonical (id-ordered) document the context reads; owned here and patched in place. */
  doc: ThreatModelDocument;
  ctx: EvaluationContext;
  /** Shared by every rule finding of `result`: moved on to each new document they hold for. */
  epoch: Epoch;
  /** Rule findings per target, by kind and canonical index; triage, links and out-of-scope applied. */
  components: Finding[][];
  dataFlows: Finding[][];
  trustBoundaries: Finding[][];
  model: Finding[];
  users: Map<UserThreat, { finding: Finding; label: string; kind: TargetKind }>;
  result: Finding[];
}

/**
 * An incremental evaluator for one library. Documents are immutable with structural sharing, so
 * what changed is found by identity (documentChanges.ts) and only that is recomputed:
 *
 * - a label: no rule runs; the findings of that element (and of unlabelled flows named after it)
 *   are copied with the new `targetLabel`;
 * - triage: only the finding under that key is built again;
 * - a property no graph analysis reads: the element's rules and its flows' rules run again, after
 *   checking that no path or `some` condition changes because of it;
 * - anything that moves indices or graph facts: a new context and a full evaluation.
 *
 * Findings nothing touched are the same objects as in the previous result.
 */
export function createEvaluator(library: Library): Evaluator {
  let state: State | undefined;
  const rulesById = new Map<string, CompiledRule>();
  for (const rules of [
    ...library.index.componentByType.values(),
    library.index.componentAnyType,
    ...library.index.byTarget.values(),
  ])
    for (const rule of rules) rulesById.set(rule.rule.id, rule);
  const source: ExplanationSource = {
    contextFor(doc) {
      return state && state.input === doc ? state.ctx : standaloneSource(library).contextFor(doc);
    },
  };

  return {
    evaluate(doc) {
      if (state && state.input === doc) return state.result;
      const changes = state ? documentChanges(state.input, doc) : undefined;
      state = changes && !changes.structural ? update(state!, doc, changes) : undefined;
      state ??= evaluateAll(doc);
      return state.result;
    },
  };

  function evaluateAll(input: ThreatModelDocument): State {
    const doc = canonicalOrder(input);
    const ctx = buildEvaluationContext(doc, library);
    const epoch = { doc: input };
    const explain = { source, epoch };
    const fire = (kind: TargetKind, i: number) => fireOne(ctx, kind, i, explain);
    const s: State = {
      input,
      doc,
      ctx,
      epoch,
      components: doc.components.map((_, i) => fire('component', i)),
      dataFlows: doc.dataFlows.map((_, k) => fire('dataFlow', k)),
      trustBoundaries: doc.trustBoundaries.map((_, b) => fire('trustBoundary', b)),
      model: fire('model', 0),
      users: new Map(),
      result: [],
    };
    const all: Finding[] = [];
    for (const list of [...s.components, ...s.dataFlows, ...s.trustBoundaries, s.model])
      for (const f of list) all.push(f);
    for (const f of userFindings(s, new Map())) all.push(f);
    s.result = all.sort(byKey);
    return s;
  }

  /** All findings of one target, linked and marked out of scope like `evaluate` does. */
  function fireOne(ctx: EvaluationContext, kind: TargetKind, i: number, explain: ExplainInputs): Finding[] {
    const out: Finding[] = [];
    const linked: RootCauseCandidate[] = [];
    fireTarget(ctx, kind, i, out, linked, explain);
    if (linked.length > 1) linkRootCauses(linked, library);
    if (isOutOfScope(ctx.doc, kind, i)) for (const f of out) f.outOfScope = true;
    return out;
  }

  /** The next state by patching this one, or undefined when the change reaches too far (evaluate all). */
  function update(s: State, input: ThreatModelDocument, changes: DocumentChanges): State | undefined {
    const work: Work = { removed: new Set(), added: [], replaced: new Map(), refired: new Set() };
    if (!(changes.reach ? rebuildReach(s, input, changes, work) : patch(s, input, changes, work)))
      return undefined;
    return finish(s, input, changes, work);
  }

  /**
   * Same components and flows: the canonical document is patched in place (same ids, same indices)
   * and the changed components and their flows fire again, unless a memoised path or `some`
   * condition reads them differently now.
   */
  function patch(s: State, input: ThreatModelDocument, changes: DocumentChanges, work: Work): boolean {
    const { ctx, doc } = s;
    const indexOf = ctx.graph.indexOf;
    const factComponents = changes.components.facts.map((id) => indexOf.get(id)!);
    const factFlows = new Set(changes.dataFlows.facts.map((id) => flowIndexIn(s.ctx).get(id)!));
    for (const i of factComponents) for (const k of flowsOf(ctx, i)) factFlows.add(k);
    const flows = [...factFlows];

    const before = conditionInputs(ctx, factComponents, flows);
    for (const c of changes.replaced.components) doc.components[indexOf.get(c.id)!] = c;
    for (const f of changes.replaced.dataFlows) doc.dataFlows[flowIndexIn(s.ctx).get(f.id)!] = f;
    for (const b of changes.replaced.trustBoundaries) doc.trustBoundaries[ctx.boundaryIndexOf.get(b.id)!] = b;
    if (changes.userThreats) doc.userThreats = canonicalOrder(input).userThreats;
    doc.meta = input.meta;
    doc.triage = input.triage;
    for (const i of factComponents) for (const cache of ctx.memo.values()) cache[i] = undefined;
    const after = conditionInputs(ctx, factComponents, flows);
    for (let n = 0; n < before.length; n++) if (before[n] !== after[n]) return false;
    for (const i of factComponents) refire(s, work, 'component', i);
    for (const k of flows) refire(s, work, 'dataFlow', k);
    return true;
  }

  /**
   * Same components, different flows or graph properties: a new context, and the components whose
   * graph facts or shown paths differ fire again with their flows. Flows only added (how the editor
   * draws one) extend the previous graph facts (extendedContext); anything else analyses the graph
   * again and compares (reachabilityChanges.ts).
   */
  function rebuildReach(s: State, input: ThreatModelDocument, changes: DocumentChanges, work: Work): boolean {
    const onlyAdded =
      changes.replaced.components.length === 0 &&
      changes.replaced.trustBoundaries.length === 0 &&
      changes.replaced.dataFlows.length === 0;
    // Added or removed components move indices: only the extension or a new analysis compared by
    // id knows how; with components or boundaries changed as well, evaluate all.
    if (changes.addedComponents && !onlyAdded) return false;
    if (
      changes.removedComponents &&
      (changes.replaced.components.length > 0 || changes.replaced.trustBoundaries.length > 0)
    )
      return false;
    const next =
      (changes.addedFlows || changes.addedComponents) && onlyAdded
        ? extendedContext(library, s, input, changes.addedFlows ?? [], changes.addedComponents ?? [])
        : reanalysedContext(library, s, input, changes);
    if (!next) return false;
    const { ctx, doc, dirty, oldIndexOfFlow, oldIndexOfComponent } = next;
    const oldFlows = s.dataFlows;
    const oldDoc = s.doc;
    s.ctx = ctx;
    s.doc = doc;
    if (oldIndexOfComponent) {
      const oldComponents = s.components;
      const kept = new Uint8Array(oldComponents.length);
      s.components = doc.components.map((_, i) => {
        const was = oldIndexOfComponent[i]!;
        if (was < 0) return [];
        kept[was] = 1;
        return oldComponents[was]!;
      });
      for (let was = 0; was < oldComponents.length; was++)
        if (!kept[was]) for (const f of oldComponents[was]!) work.removed.add(f);
      // A boundary's facts list the types inside it, nested boundaries included.
      const inside = (boundary: string | null | undefined) => {
        for (let hops = 0; boundary != null && hops <= doc.trustBoundaries.length; hops++) {
          const b = ctx.boundaryIndexOf.get(boundary);
          if (b === undefined) break;
          refire(s, work, 'trustBoundary', b);
          boundary = doc.trustBoundaries[b]!.parentId;
        }
      };
      for (let i = 0; i < doc.components.length; i++)
        if (oldIndexOfComponent[i] === -1) inside(doc.components[i]!.boundaryId);
      for (const c of changes.removedComponents ?? []) inside(c.boundaryId);
    }
    const kept = new Uint8Array(oldFlows.length);
    s.dataFlows = doc.dataFlows.map((f, k) => {
      const was = oldIndexOfFlow(k);
      if (was >= 0 && oldDoc.dataFlows[was] === f) {
        kept[was] = 1;
        return oldFlows[was]!;
      }
      work.refired.add(`dataFlow:${k}`);
      const fresh = fireOne(ctx, 'dataFlow', k, { source, epoch: s.epoch });
      for (const x of fresh) work.added.push(x);
      return fresh;
    });
    for (let was = 0; was < oldFlows.length; was++)
      if (!kept[was]) for (const f of oldFlows[was]!) work.removed.add(f);
    for (let i = 0; i < dirty.length; i++)
      if (dirty[i]) {
        refire(s, work, 'component', i);
        for (const k of flowsOf(ctx, i)) refire(s, work, 'dataFlow', k);
      }
    refire(s, work, 'model', 0);
    return true;
  }

  /** Fires a target's rules again, once per update. */
  function refire(s: State, work: Work, kind: TargetKind, i: number): void {
    const tag = `${kind}:${i}`;
    if (work.refired.has(tag)) return;
    work.refired.add(tag);
    for (const f of listOf(s, kind, i)) work.removed.add(f);
    const fresh = fireOne(s.ctx, kind, i, { source, epoch: s.epoch });
    for (const f of fresh) work.added.push(f);
    setList(s, kind, i, fresh);
  }

  /** Labels, out-of-scope markings, triage and user threats on top of what fired again; then the result. */
  function finish(s: State, input: ThreatModelDocument, changes: DocumentChanges, work: Work): State {
    const { ctx, doc } = s;
    const indexOf = ctx.graph.indexOf;
    const explain = { source, epoch: s.epoch };
    const { removed, added, replaced, refired } = work;
    const listOf = (kind: TargetKind, i: number) => listOfState(s, kind, i);
    const setList = (kind: TargetKind, i: number, list: Finding[]) => setListOfState(s, kind, i, list);

    // Targets whose findings only need a new label or out-of-scope marking.
    const refresh = (kind: TargetKind, i: number) => {
      if (refired.has(`${kind}:${i}`)) return;
      const label = targetLabelOf(ctx, kind, i);
      const outOfScope = isOutOfScope(doc, kind, i);
      const list = listOf(kind, i);
      let copy: Finding[] | undefined;
      list.forEach((f, n) => {
        if (f.targetLabel === label && (f.outOfScope === true) === outOfScope) return;
        const changed = withChanges(f, { targetLabel: label, outOfScope: outOfScope || undefined });
        replaced.set(f, changed);
        (copy ??= [...list])[n] = changed;
      });
      if (copy) setList(kind, i, copy);
    };
    for (const id of [...changes.components.label, ...changes.components.scope]) {
      const i = indexOf.get(id)!;
      refresh('component', i);
      for (const k of flowsOf(ctx, i)) if (!doc.dataFlows[k]!.label) refresh('dataFlow', k);
    }
    for (const id of [...changes.dataFlows.label, ...changes.dataFlows.scope])
      refresh('dataFlow', flowIndexIn(s.ctx).get(id)!);
    for (const id of changes.trustBoundaries.label) refresh('trustBoundary', ctx.boundaryIndexOf.get(id)!);
    if (changes.title) refresh('model', 0);

    // Triage: only the finding under each changed key is built again.
    for (const key of changes.triage) {
      const at = key.lastIndexOf(FINDING_KEY_SEPARATOR);
      const rule = rulesById.get(key.slice(0, at));
      const target = rule && locate(s, rule.rule.target, key.slice(at + 1));
      if (!rule || !target || refired.has(`${target.kind}:${target.i}`)) continue;
      const list = listOf(target.kind, target.i);
      const n = list.findIndex((f) => f.key === key);
      if (n < 0) continue;
      const old = list[n]!;
      const current = replaced.get(old) ?? old;
      const out: Finding[] = [];
      fireRule(ctx, rule, target.kind, target.i, current.targetId, current.targetLabel, out, [], explain);
      const fresh = out[0]!;
      if (current.group !== undefined) fresh.group = current.group;
      if (current.outOfScope) fresh.outOfScope = true;
      replaced.set(old, fresh);
      const copy = [...list];
      copy[n] = fresh;
      setList(target.kind, target.i, copy);
    }

    s.input = input;
    s.doc.meta = input.meta;
    // User threats name their targets' labels: rebuilt (reusing unchanged ones) whenever a label may have moved.
    const labelsMoved =
      changes.reach ||
      changes.userThreats ||
      changes.title ||
      changes.components.label.length + changes.components.scope.length > 0 ||
      changes.dataFlows.label.length + changes.dataFlows.scope.length > 0 ||
      changes.trustBoundaries.label.length > 0;
    if (labelsMoved && (doc.userThreats.length > 0 || s.users.size > 0)) {
      for (const { finding } of s.users.values()) removed.add(finding);
      const previous = s.users;
      s.users = new Map();
      for (const f of userFindings(s, previous)) {
        if (removed.has(f)) removed.delete(f);
        else added.push(f);
      }
    }
    // Findings leaving the result keep explaining the document they held for; the rest move on.
    const frozen = { doc: s.epoch.doc };
    for (const f of removed) detach(f, frozen);
    for (const f of replaced.keys()) detach(f, frozen);
    s.epoch.doc = input;
    s.result = mergeFindings(s.result, removed, replaced, added.sort(byKey));
    return s;
  }

  /** User threat findings, reusing the previous object of a threat whose target reads the same. */
  function userFindings(
    s: State,
    previous: Map<UserThreat, { finding: Finding; label: string; kind: TargetKind }>,
  ): Finding[] {
    const out: Finding[] = [];
    for (const t of s.doc.userThreats) {
      if (t.targetId === null) continue;
      const target = userTarget(s, t.targetId);
      if (!target) continue;
      const label =
        target.kind === 'dataFlow'
          ? s.doc.dataFlows[target.i]!.label
          : targetLabelOf(s.ctx, target.kind, target.i);
      const outOfScope = isOutOfScope(s.doc, target.kind, target.i);
      const old = previous.get(t);
      let finding: Finding;
      if (
        old &&
        old.label === label &&
        old.kind === target.kind &&
        (old.finding.outOfScope === true) === outOfScope
      )
        finding = old.finding;
      else {
        finding = userThreatFinding(t, target.kind, label);
        if (outOfScope) finding.outOfScope = true;
      }
      s.users.set(t, { finding, label, kind: target.kind });
      out.push(finding);
    }
    return out;
  }
}

/** What one update re-fired, removed, added and replaced. */
interface Work {
  removed: Set<Finding>;
  added: Finding[];
  replaced: Map<Finding, Finding>;
  /** `kind:index` of the targets fired again. */
  refired: Set<string>;
}

function listOfState(s: State, kind: TargetKind, i: number): Finding[] {
  if (kind === 'model') return s.model;
  if (kind === 'component') return s.components[i]!;
  if (kind === 'dataFlow') return s.dataFlows[i]!;
  return s.trustBoundaries[i]!;
}

function setListOfState(s: State, kind: TargetKind, i: number, list: Finding[]): void {
  if (kind === 'model') s.model = list;
  else if (kind === 'component') s.components[i] = list;
  else if (kind === 'dataFlow') s.dataFlows[i] = list;
  else s.trustBoundaries[i] = list;
}

const listOf = listOfState;
const setList = setListOfState;

/** The target of this kind and id in the state's document, if any. */
function locate(s: State, kind: TargetKind, id: string): { kind: TargetKind; i: number } | undefined {
  const i =
    kind === 'component'
      ? s.ctx.graph.indexOf.get(id)
      : kind === 'dataFlow'
        ? flowIndexIn(s.ctx).get(id)
        : kind === 'trustBoundary'
          ? s.ctx.boundaryIndexOf.get(id)
          : id === MODEL_TARGET_ID
            ? 0
            : undefined;
  return i === undefined ? undefined : { kind, i };
}

/** A user threat's target, looked up with the precedence of userThreatFindings (model, boundary, flow, component). */
function userTarget(s: State, id: string): { kind: TargetKind; i: number } | undefined {
  for (const kind of ['model', 'trustBoundary', 'dataFlow', 'component'] as const) {
    const target = locate(s, kind, id);
    if (target) return target;
  }
  return undefined;
}

function targetLabelOf(ctx: EvaluationContext, kind: TargetKind, i: number): string {
  if (kind === 'component') return ctx.doc.components[i]!.label;
  if (kind === 'dataFlow') return flowLabel(ctx, i);
  if (kind === 'trustBoundary') return ctx.doc.trustBoundaries[i]!.label;
  return ctx.doc.meta.title;
}

function isOutOfScope(doc: ThreatModelDocument, kind: TargetKind, i: number): boolean {
  if (kind === 'component') return doc.components[i]!.outOfScope !== undefined;
  if (kind === 'dataFlow') return doc.dataFlows[i]!.outOfScope !== undefined;
  return false;
}

/** Indices of the flows into and out of a component. */
function flowsOf(ctx: EvaluationContext, i: number): number[] {
  const g = ctx.graph;
  const out: number[] = [];
  for (let e = g.outStart[i]!; e < g.outStart[i + 1]!; e++) out.push(g.outFlow[e]!);
  for (let e = g.inStart[i]!; e < g.inStart[i + 1]!; e++) out.push(g.inFlow[e]!);
  return out;
}

/**
 * What the memoised path and `some` conditions read of the changed components and flows, in a fixed
 * order. A path condition's reach depends only on which components match `where` and `avoiding` and
 * which flows match `via`; a `some` only on `where`. If none of these answers changes at the changed
 * elements, no memoised result changes. Conditions memoised while this runs (nested ones) are checked
 * too: Map iteration visits entries added during it.
 */
function conditionInputs(
  ctx: EvaluationContext,
  components: readonly number[],
  flows: readonly number[],
): boolean[] {
  const out: boolean[] = [];
  if (components.length === 0 && flows.length === 0) return out;
  for (const key of ctx.nodeMemo.keys()) {
    const node = key as CompiledCondition;
    if (node.kind === 'path') {
      for (const i of components) {
        out.push(testCondition(node.where, ctx, i));
        if (node.avoiding) out.push(testCondition(node.avoiding, ctx, i));
      }
      if (node.via) for (const k of flows) out.push(testCondition(node.via, ctx, k));
    } else if (node.kind === 'some') for (const i of components) out.push(testCondition(node.where, ctx, i));
  }
  return out;
}
