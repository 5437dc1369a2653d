import type { ThreatModelDocument } from '../model/document';
import type { Problem } from '../model/problems';
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
  problems.push(...findBoundaryCycles(doc));
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
        path: `$.triage[${JSON.stringify(key)}]`,
        message: 'a triage key must be a finding key of the form "ruleId@targetId"',
      });
    }
  }
  return problems;
}

function findBoundaryCycles(doc: ThreatModelDocument): Problem[] {
  const parentOf = new Map(doc.trustBoundaries.map((b) => [b.id, b.parentId ?? null]));
  const problems: Problem[] = [];
  doc.trustBoundaries.forEach((b, i) => {
    const visited = new Set<string>([b.id]);
    let current = parentOf.get(b.id) ?? null;
    while (current !== null) {
      if (visited.has(current)) {
        if (current === b.id)
          problems.push({
            path: `$.trustBoundaries[${i}].parentId`,
            message: `trust boundary "${b.id}" is nested inside itself`,
          });
        return;
      }
      visited.add(current);
      current = parentOf.get(current) ?? null;
    }
  });
  return problems;
}
