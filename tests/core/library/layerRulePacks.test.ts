import { describe, expect, it } from 'vitest';
import { describeRulePack, layerRulePacks, shippedLibrary } from '../../../src/core/index';

const threat = (id: string, mitigations: string[] = []) => ({
  id,
  title: `Threat ${id}`,
  description: 'D',
  likelihood: 'low',
  impact: 'low',
  references: { guidelines: ['SD-3'] },
  mitigations,
});
const mitigation = (id: string) => ({ id, title: 'M', guidance: 'G', guidelines: ['SD-3'] });
const pack = (fileName: string, content: object) => ({ fileName, content });

describe('layerRulePacks', () => {
  const base = shippedLibrary();

  it('uses every pack, in order, when all load', () => {
    const a = pack('a.json', { name: 'A', threats: [threat('threat.pack-a')] });
    const b = pack('b.json', { threats: [threat('threat.pack-b')] });
    const layered = layerRulePacks(base, [a, b]);
    expect(layered.accepted).toEqual([a, b]);
    expect(layered.rejected).toEqual([]);
    expect(layered.library.threats.has('threat.pack-a')).toBe(true);
    expect(layered.library.threats.has('threat.pack-b')).toBe(true);
    expect(layered.library.threats.size).toBe(base.threats.size + 2);
  });

  it('sets aside a pack that clashes with an earlier one: the first wins', () => {
    const first = pack('first.json', { threats: [{ ...threat('threat.same'), title: 'First' }] });
    const second = pack('second.json', { threats: [{ ...threat('threat.same'), title: 'Second' }] });
    const layered = layerRulePacks(base, [first, second]);
    expect(layered.accepted.map((p) => p.fileName)).toEqual(['first.json']);
    expect(layered.library.threats.get('threat.same')?.title).toBe('First');
    expect(layered.rejected).toHaveLength(1);
    expect(layered.rejected[0]).toMatchObject({ fileName: 'second.json', content: second.content });
    expect(layered.rejected[0]!.problems).toEqual([
      expect.objectContaining({ file: 'second.json', path: '$.threats[0].id' }),
    ]);
  });

  it('keeps trying the packs after a rejected one, on top of the ones accepted', () => {
    const broken = pack('broken.json', { threats: [threat('threat.broken', ['mitigation.nowhere'])] });
    const withMitigation = pack('m.json', { mitigations: [mitigation('mitigation.pack-m')] });
    const usesIt = pack('uses.json', { threats: [threat('threat.uses', ['mitigation.pack-m'])] });
    const layered = layerRulePacks(base, [broken, withMitigation, usesIt]);
    expect(layered.accepted.map((p) => p.fileName)).toEqual(['m.json', 'uses.json']);
    expect(layered.rejected.map((p) => p.fileName)).toEqual(['broken.json']);
    expect(layered.rejected[0]!.problems[0]).toMatchObject({
      file: 'broken.json',
      path: '$.threats[0].mitigations[0]',
    });
    expect(layered.library.threats.has('threat.uses')).toBe(true);
    expect(layered.library.threats.has('threat.broken')).toBe(false);
  });

  it('leaves the base library as it is when no pack loads', () => {
    const layered = layerRulePacks(base, [pack('x.json', { rulez: [] }), pack('y.json', [])]);
    expect(layered.library).toBe(base);
    expect(layered.accepted).toEqual([]);
    expect(layered.rejected.map((p) => p.problems[0]?.file)).toEqual(['x.json', 'y.json']);
  });

  it('passes on the loader’s warnings about accepted packs, each naming its pack', () => {
    // SD-4 is cited but the mitigation implements only SD-3.
    const loose = pack('loose.json', {
      threats: [
        { ...threat('threat.loose', ['mitigation.loose']), references: { guidelines: ['SD-3', 'SD-4'] } },
      ],
      mitigations: [mitigation('mitigation.loose')],
    });
    const clean = pack('clean.json', {
      threats: [threat('threat.clean', ['mitigation.clean'])],
      mitigations: [mitigation('mitigation.clean')],
    });
    const warning = {
      file: 'loose.json',
      path: '$.threats[0].references.guidelines[1]',
      message: expect.stringContaining('"SD-4" is cited'),
    };
    expect(layerRulePacks(base, [clean, loose]).warnings).toEqual([warning]);
    // Also when another pack is rejected and the rest are loaded one by one.
    const broken = pack('broken.json', { threats: [threat('threat.broken', ['mitigation.nowhere'])] });
    const layered = layerRulePacks(base, [loose, broken, clean]);
    expect(layered.rejected.map((p) => p.fileName)).toEqual(['broken.json']);
    expect(layered.warnings).toEqual([warning]);
    expect(describeRulePack(loose, layered.warnings).warnings).toEqual([warning]);
    expect(describeRulePack(clean, layered.warnings).warnings).toEqual([]);
  });

  it('describes what a pack adds, named by itself or by its file', () => {
    expect(
      describeRulePack(
        pack('acme.json', {
          name: 'Acme',
          threats: [threat('threat.a'), threat('threat.b')],
          mitigations: [mitigation('mitigation.a')],
        }),
      ),
    ).toEqual({
      fileName: 'acme.json',
      name: 'Acme',
      content: expect.any(Object),
      counts: { componentTypes: 0, threats: 2, mitigations: 1, rules: 0 },
      warnings: [],
    });
    expect(describeRulePack(pack('plain.json', {})).name).toBe('plain.json');
  });
});
