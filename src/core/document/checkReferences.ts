import { LIMITS } from '../limits';
import type { ThreatModelDocument } from '../model/document';
import { formatPath, type Problem } from '../model/problems';
import { FINDING_KEY_SEPARATOR } from '../rules/findingKey';

/**
 * Cross-reference checks the schema cannot express: ids unique across the whole document, no
 * dangling references, no cycles in boundary nesting, triage keys of the right shape.
 */
export function checkReferences(doc: ThreatModelDocument): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  const claim = (id: string, path: string) => {
    const first = seen.get(id);
    if (first !== undefined)
      problems.push({ path, message: `duplicate id "${id}" (already used at ${first})` });
    else seen.set(id, path);
  };
  doc.trustBoundaries.forEach((b, i) => claim(b.id, `$.trustBoundaries[${i}].id`));
  doc.components.forEach((c, i) => claim(c.id, `$.components[${i}].id`));
  doc.dataFlows.forEach((f, i) => claim(f.id, `$.dataFlows[${i}].id`));
  doc.userThreats.forEach((t, i) => claim(t.id, `$.userThreats[${i}].id`));

  const boundaryIds = new Set(doc.trustBoundaries.map((b) => b.id));
  const componentIds = new Set(doc.components.map((c) => c.id));
  const flowIds = new Set(doc.dataFlows.map((f) => f.id));

  doc.trustBoundaries.forEach((b, i) => {
    if (b.parentId != null && !boundaryIds.has(b.parentId)) {
      problems.push({
        path: `$.trustBoundaries[${i}].parentId`,
        message: `no trust boundary has the id "${b.parentId}"`,
      });
    }
  });
  for (const p of findBoundaryCycles(doc)) problems.push(p);
  doc.components.forEach((c, i) => {
    if (c.boundaryId != null && !boundaryIds.has(c.boundaryId)) {
      problems.push({
        path: `$.components[${i}].boundaryId`,
        message: `no trust boundary has the id "${c.boundaryId}"`,
      });
    }
  });
  doc.dataFlows.forEach((f, i) => {
    if (!componentIds.has(f.sourceId))
      problems.push({
        path: `$.dataFlows[${i}].sourceId`,
        message: `no component has the id "${f.sourceId}"`,
      });
    if (!componentIds.has(f.targetId))
      problems.push({
        path: `$.dataFlows[${i}].targetId`,
        message: `no component has the id "${f.targetId}"`,
      });
  });
  doc.userThreats.forEach((t, i) => {
    const target = t.targetId;
    if (
      target != null &&
      target !== 'model' &&
      !componentIds.has(target) &&
      !flowIds.has(target) &&
      !boundaryIds.has(target)
    ) {
      problems.push({
        path: `$.userThreats[${i}].targetId`,
        message: `no component, data flow or trust boundary has the id "${target}"`,
      });
    }
  });
  for (const key of Object.keys(doc.triage)) {
    if (!key.includes(FINDING_KEY_SEPARATOR)) {
      problems.push({
        path: formatPath(['triage', key]),
        message: 'a triage key must be a finding key of the form "ruleId@targetId"',
      });
    }
  }
  return problems;
}

/** Deeper than any real architecture; a limit keeps reports and layouts proportionate to the file. */
export const MAX_BOUNDARY_DEPTH = LIMITS.boundaryDepth.value;

/**
 * Cycles and excessive depth in boundary nesting, in one linear pass: each boundary's depth is
 * worked out once, walking up only until a boundary whose depth is already known.
 */
function findBoundaryCycles(doc: ThreatModelDocument): Problem[] {
  const indexOf = new Map(doc.trustBoundaries.map((b, i) => [b.id, i]));
  const IN_PROGRESS = -1;
  const CYCLE = -2;
  const depth = new Array<number | undefined>(doc.trustBoundaries.length);
  const problems: Problem[] = [];
  doc.trustBoundaries.forEach((_, start) => {
    const chain: number[] = [];
    let current: number | undefined = start;
    let base = 0;
    while (current !== undefined) {
      const known = depth[current];
      if (known === IN_PROGRESS || known === CYCLE) {
        base = CYCLE;
        break;
      }
      if (known !== undefined) {
        base = known + 1;
        break;
      }
      depth[current] = IN_PROGRESS;
      chain.push(current);
      const parentId: string | null | undefined = doc.trustBoundaries[current]!.parentId;
      current = parentId == null ? undefined : indexOf.get(parentId);
    }
    for (let k = chain.length - 1; k >= 0; k--) {
      depth[chain[k]!] = base === CYCLE ? CYCLE : base + (chain.length - 1 - k);
    }
  });
  doc.trustBoundaries.forEach((b, i) => {
    if (depth[i] === CYCLE && b.parentId != null && depth[indexOf.get(b.parentId) ?? -1] === CYCLE) {
      problems.push({
        path: `$.trustBoundaries[${i}].parentId`,
        message: `trust boundary "${b.id}" is nested inside itself`,
      });
    } else if ((depth[i] ?? 0) >= MAX_BOUNDARY_DEPTH) {
      problems.push({
        path: `$.trustBoundaries[${i}].parentId`,
        message: `trust boundaries may nest at most ${MAX_BOUNDARY_DEPTH} levels deep`,
      });
    }
  });
  // One problem per cycle or over-deep chain is enough to act on; the rest repeat it.
  return problems.slice(0, 20);
}
