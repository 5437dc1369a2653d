import type { Library } from '../library/loadLibrary';
import type { Finding } from '../rules/finding';

export type CoverageStatus = 'implemented' | 'planned' | 'missing' | 'not-applicable';

export interface GuidelineCoverage {
  id: string;
  title: string;
  area: string;
  /** Distinct mitigations suggested by the findings that implement this guideline. */
  mitigations: number;
  /** Of those, how many are implemented (or present by design) wherever they are suggested. */
  implemented: number;
  /** Of those, how many are planned or implemented somewhere but not yet everywhere. */
  planned: number;
  status: CoverageStatus;
}

/**
 * Coverage of each NCSC/CISA guideline by the mitigations this model needs. A mitigation counts
 * as implemented only where every finding that suggests it has it implemented: a control applied
 * to one component does not protect another.
 */
export function guidelineCoverage(findings: readonly Finding[], library: Library): GuidelineCoverage[] {
  const states = new Map<string, { all: boolean; some: boolean; guidelines: readonly string[] }>();
  for (const finding of findings) {
    if (finding.status === 'not-applicable') continue;
    for (const m of finding.mitigations) {
      if (m.state === 'not-applicable' || m.guidelines.length === 0) continue;
      const done = m.state === 'implemented';
      const started = done || m.state === 'planned';
      const entry = states.get(m.id);
      if (!entry) states.set(m.id, { all: done, some: started, guidelines: m.guidelines });
      else {
        entry.all &&= done;
        entry.some ||= started;
      }
    }
  }
  return library.guidelines.map((g) => {
    let mitigations = 0;
    let implemented = 0;
    let planned = 0;
    for (const entry of states.values()) {
      if (!entry.guidelines.includes(g.id)) continue;
      mitigations++;
      if (entry.all) implemented++;
      else if (entry.some) planned++;
    }
    const status: CoverageStatus =
      mitigations === 0
        ? 'not-applicable'
        : implemented === mitigations
          ? 'implemented'
          : implemented + planned > 0
            ? 'planned'
            : 'missing';
    return { id: g.id, title: g.title, area: g.area, mitigations, implemented, planned, status };
  });
}
