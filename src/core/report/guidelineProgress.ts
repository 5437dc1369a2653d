import type { Library } from '../library/loadLibrary';
import type { Finding } from '../rules/finding';

/**
 * Where each mitigation a guideline needs stands, finding by finding. `guidelineCoverage` (what
 * the reports print) folds "implemented on some elements" into "planned"; a workshop needs to
 * see the difference, so the dashboard reads this finer view. Same inputs, same rules: findings
 * marked not applicable and mitigations marked not applicable or tied to no guideline are left out.
 */
export interface MitigationProgress {
  id: string;
  title: string;
  /** Findings that suggest this mitigation. */
  findings: number;
  /** Of those, where it is implemented (or present by design). */
  implementedIn: number;
  /** Of those, where it is planned. */
  plannedIn: number;
}

export type GuidelineState = 'implemented' | 'partly-implemented' | 'planned' | 'missing' | 'no-findings';

export interface GuidelineProgress {
  id: string;
  title: string;
  area: string;
  mitigations: MitigationProgress[];
  state: GuidelineState;
}

interface Tally extends MitigationProgress {
  guidelines: readonly string[];
}

export function guidelineProgress(findings: readonly Finding[], library: Library): GuidelineProgress[] {
  const tallies = new Map<string, Tally>();
  for (const finding of findings) {
    if (finding.status === 'not-applicable') continue;
    for (const m of finding.mitigations) {
      if (m.state === 'not-applicable' || m.guidelines.length === 0) continue;
      let tally = tallies.get(m.id);
      if (!tally) {
        tally = {
          id: m.id,
          title: m.title,
          findings: 0,
          implementedIn: 0,
          plannedIn: 0,
          guidelines: m.guidelines,
        };
        tallies.set(m.id, tally);
      }
      tally.findings++;
      if (m.state === 'implemented') tally.implementedIn++;
      else if (m.state === 'planned') tally.plannedIn++;
    }
  }
  return library.guidelines.map((g) => {
    const mitigations = [...tallies.values()]
      .filter((t) => t.guidelines.includes(g.id))
      .map(({ guidelines: _, ...progress }) => progress);
    return { id: g.id, title: g.title, area: g.area, mitigations, state: stateOf(mitigations) };
  });
}

function stateOf(mitigations: readonly MitigationProgress[]): GuidelineState {
  if (mitigations.length === 0) return 'no-findings';
  if (mitigations.every((m) => m.implementedIn === m.findings)) return 'implemented';
  if (mitigations.some((m) => m.implementedIn > 0)) return 'partly-implemented';
  if (mitigations.some((m) => m.plannedIn > 0)) return 'planned';
  return 'missing';
}
