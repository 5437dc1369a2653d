import type { GuidelineProgress } from '../../core';

/**
 * Where a guideline's mitigations stand, in words: "1 of 3 implemented everywhere; 1 implemented
 * in 2 of 5 findings; 1 planned". A mitigation done on one element and not another is partly
 * implemented, never "planned".
 */
export function progressDetail(g: GuidelineProgress): string {
  const everywhere = g.mitigations.filter((m) => m.implementedIn === m.findings).length;
  const parts = [`${everywhere} of ${g.mitigations.length} implemented everywhere`];
  for (const m of g.mitigations)
    if (m.implementedIn > 0 && m.implementedIn < m.findings)
      parts.push(`${m.title} implemented in ${m.implementedIn} of ${m.findings} findings`);
  const planned = g.mitigations.filter((m) => m.implementedIn === 0 && m.plannedIn > 0).length;
  if (planned > 0) parts.push(`${planned} planned`);
  return parts.join('; ');
}
