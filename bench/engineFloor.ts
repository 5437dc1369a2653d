import type { Finding, Library, ThreatModelDocument } from '../src/core/index';

/**
 * A plain-JS floor for evaluation: what any engine must do at the same rule count, written as a
 * hand-made loop with no engine in it. It
 *
 * 1. indexes the flows (compressed adjacency, like the engine's graph index) and runs as many
 *    breadth-first searches over the whole graph as the engine runs graph analyses (`graphPasses`);
 * 2. visits every (target, rule) pair the engine visits — each component with the rules of its type
 *    and the rules of every type, each flow, boundary and the model with theirs — and for each
 *    pair reads one property value per leaf of the rule's `when` from the element and compares it;
 * 3. allocates one plain finding object (the same fields) per finding the engine produced, and
 *    sorts them by key.
 *
 * It does not explain, merge triage or link root causes, so the ratio engine / floor is an upper
 * bound on the engine's overhead.
 */
export function plainFloor(
  doc: ThreatModelDocument,
  library: Library,
  findingCount: number,
  graphPasses: number,
): number {
  const components = doc.components;
  const size = components.length;
  const indexOf = new Map<string, number>();
  for (let i = 0; i < size; i++) indexOf.set(components[i]!.id, i);
  const start = new Int32Array(size + 1);
  const flows = doc.dataFlows;
  const src = new Int32Array(flows.length);
  const dst = new Int32Array(flows.length);
  for (let k = 0; k < flows.length; k++) {
    src[k] = indexOf.get(flows[k]!.sourceId)!;
    dst[k] = indexOf.get(flows[k]!.targetId)!;
    start[src[k]! + 1]!++;
  }
  for (let i = 0; i < size; i++) start[i + 1]! += start[i]!;
  const next = new Int32Array(flows.length);
  const fill = start.slice(0, size);
  for (let k = 0; k < flows.length; k++) next[fill[src[k]!]!++] = dst[k]!;
  let reached = 0;
  const pred = new Int32Array(size);
  const queue = new Int32Array(size);
  for (let pass = 0; pass < graphPasses; pass++) {
    pred.fill(-1);
    let head = 0;
    let tail = 0;
    for (let s = pass % 7; s < size; s += 7) {
      pred[s] = s;
      queue[tail++] = s;
    }
    while (head < tail) {
      const u = queue[head++]!;
      for (let e = start[u]!; e < start[u + 1]!; e++) {
        const v = next[e]!;
        if (pred[v] === -1) {
          pred[v] = u;
          queue[tail++] = v;
          reached++;
        }
      }
    }
  }

  // Rule matching: one property read and comparison per leaf, per (target, rule) pair.
  const { index } = library;
  const leafCount = (rule: { rule: { when?: unknown } }) => countLeaves(rule.rule.when);
  let matches = 0;
  for (const c of components) {
    const props = (c.props ?? {}) as Record<string, unknown>;
    for (const rule of [...(index.componentByType.get(c.type) ?? []), ...index.componentAnyType]) {
      const leaves = leafCount(rule);
      for (let l = 0; l < leaves; l++) if (props['p' + (l % 4)] === true) matches++;
    }
  }
  for (const f of flows) {
    const props = (f.props ?? {}) as Record<string, unknown>;
    for (const rule of index.byTarget.get('dataFlow')!) {
      const leaves = leafCount(rule);
      for (let l = 0; l < leaves; l++) if (props.encrypted === (l % 2 === 0)) matches++;
    }
  }
  for (const b of doc.trustBoundaries)
    for (const rule of index.byTarget.get('trustBoundary')!) {
      const leaves = leafCount(rule);
      for (let l = 0; l < leaves; l++) if (b.zone === 'internet') matches++;
    }

  // The findings themselves: one object each, sorted by key.
  const out: Partial<Finding>[] = [];
  for (let n = 0; n < findingCount; n++) {
    const c = components[n % size]!;
    out.push({
      key: `rule.r${n % 97}@${c.id}`,
      ruleId: `rule.r${n % 97}`,
      threatId: 'threat',
      title: 'title',
      description: 'description',
      targetId: c.id,
      targetKind: 'component',
      targetLabel: c.label,
      severity: 'high',
      likelihood: 'medium',
      impact: 'high',
      status: 'open',
      triaged: false,
      stride: [],
      origin: 'rule',
    });
  }
  out.sort((a, b) => (a.key! < b.key! ? -1 : a.key! > b.key! ? 1 : 0));
  return reached + matches + out.length;
}

const leafCounts = new WeakMap<object, number>();

function countLeaves(condition: unknown): number {
  if (condition === undefined || condition === null || typeof condition !== 'object') return 0;
  const cached = leafCounts.get(condition);
  if (cached !== undefined) return cached;
  const c = condition as Record<string, unknown>;
  let count = 1;
  if (Array.isArray(c.all)) count = c.all.reduce((s: number, x) => s + countLeaves(x), 0);
  else if (Array.isArray(c.any)) count = c.any.reduce((s: number, x) => s + countLeaves(x), 0);
  else if (c.not) count = countLeaves(c.not);
  leafCounts.set(condition, count);
  return count;
}
