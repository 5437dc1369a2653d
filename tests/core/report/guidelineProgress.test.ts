import { describe, expect, it } from 'vitest';
import { guidelineCoverage, guidelineProgress, type Finding, type Library } from '../../../src/core/index';

/** The dashboard's view of guideline coverage: partly implemented is not planned. */

const library = {
  guidelines: [{ id: 'G-1', title: 'One', area: 'secure-design' }],
} as unknown as Library;

function finding(
  key: string,
  state: Finding['mitigations'][number]['state'],
  status: Finding['status'] = 'open',
) {
  return {
    key,
    status,
    mitigations: [{ id: 'm.tls', title: 'TLS', state, guidelines: ['G-1'], byDesign: false }],
  } as unknown as Finding;
}

describe('guidelineProgress', () => {
  it('counts, per mitigation, the findings where it is implemented and planned', () => {
    const findings = [finding('a', 'implemented'), finding('b', 'planned'), finding('c', 'suggested')];
    const [g] = guidelineProgress(findings, library);
    expect(g!.mitigations).toEqual([
      { id: 'm.tls', title: 'TLS', findings: 3, implementedIn: 1, plannedIn: 1 },
    ]);
    expect(g!.state).toBe('partly-implemented');
    // The reports' coverage keeps its own wording (golden reports stay as they are).
    expect(guidelineCoverage(findings, library)[0]!.status).toBe('planned');
  });

  it.each([
    [['implemented', 'implemented'], 'implemented'],
    [['planned', 'suggested'], 'planned'],
    [['suggested'], 'missing'],
    [[], 'no-findings'],
  ] as const)('%j is %s', (states, expected) => {
    const findings = states.map((s, i) => finding(`f${i}`, s));
    expect(guidelineProgress(findings, library)[0]!.state).toBe(expected);
  });

  it('leaves out findings and mitigations marked not applicable', () => {
    const findings = [
      finding('a', 'implemented'),
      finding('b', 'suggested', 'not-applicable'),
      finding('c', 'not-applicable'),
    ];
    expect(guidelineProgress(findings, library)[0]!.mitigations[0]!.findings).toBe(1);
    expect(guidelineProgress(findings, library)[0]!.state).toBe('implemented');
  });
});
