import { describe, expect, it } from 'vitest';
import { atOrAbove, countFindings, mostSevereFirst } from '../../../src/core/model/findingSeverity';
import type { FindingStatus, Severity } from '../../../src/core/model/vocabulary';

const f = (key: string, severity: Severity, status: FindingStatus = 'open') => ({ key, severity, status });

describe('counting and ordering findings by severity (reports and diffs share it)', () => {
  it('counts every severity and status, zero when none, in the vocabulary order', () => {
    const counts = countFindings([f('a', 'high'), f('b', 'high', 'accepted'), f('c', 'low', 'mitigated')]);
    expect(counts).toEqual({
      bySeverity: { critical: 0, high: 2, medium: 0, low: 1 },
      byStatus: { open: 1, mitigated: 1, accepted: 1, 'not-applicable': 0 },
    });
    // The JSON report writes the keys in this order: the goldens depend on it.
    expect(Object.keys(counts.bySeverity)).toEqual(['critical', 'high', 'medium', 'low']);
    expect(Object.keys(counts.byStatus)).toEqual(['open', 'mitigated', 'accepted', 'not-applicable']);
    expect(countFindings([]).byStatus.open).toBe(0);
  });

  it('orders most severe first, then by key', () => {
    const list = [f('b', 'low'), f('z', 'critical'), f('a', 'low'), f('m', 'high'), f('c', 'critical')];
    expect(list.sort(mostSevereFirst).map((x) => x.key)).toEqual(['c', 'z', 'm', 'a', 'b']);
    expect(mostSevereFirst(f('a', 'medium'), f('a', 'medium'))).toBe(0);
  });

  it('takes a threshold as inclusive, counting more severe findings', () => {
    expect(atOrAbove('critical', 'high')).toBe(true);
    expect(atOrAbove('high', 'high')).toBe(true);
    expect(atOrAbove('medium', 'high')).toBe(false);
    expect(atOrAbove('low', 'low')).toBe(true);
  });
});
