import { describe, expect, it } from 'vitest';
import {
  addUserThreat,
  evaluate,
  userMitigationId,
  userThreatId,
  userThreatIdOf,
  userThreatKey,
} from '../../../src/core/index';
import { component, model } from '../../support/modelBuilders';
import { ruleLibrary } from '../../support/libraryBuilders';

describe('user-threat ids', () => {
  it('builds the threat id, mitigation ids and finding key of a user threat', () => {
    expect(userThreatId('ut-1')).toBe('user.ut-1');
    expect(userMitigationId('ut-1', 0)).toBe('user.ut-1.1');
    expect(userMitigationId('ut-1', 2)).toBe('user.ut-1.3');
    expect(userThreatKey('ut-1', 'c-llm')).toBe('user.ut-1@c-llm');
    expect(userThreatKey('ut-1', null)).toBe('user.ut-1@unplaced');
  });

  it('reads the user threat back from a finding threat id, and nothing from a library threat', () => {
    expect(userThreatIdOf(userThreatId('ut-1'))).toBe('ut-1');
    expect(userThreatIdOf(userThreatId('user.nested'))).toBe('user.nested');
    expect(userThreatIdOf('threat.indirect-prompt-injection')).toBeUndefined();
    expect(userThreatIdOf('users.x')).toBeUndefined();
  });

  it('is the scheme the findings of user threats use', () => {
    const doc = addUserThreat(model({ components: [component('llm', 'llm')] }), {
      id: 'ut-7',
      targetId: 'llm',
      title: 'Hand-made',
      severity: 'high',
      status: 'open',
      mitigations: [
        { title: 'First', state: 'suggested' },
        { title: 'Second', state: 'planned' },
      ],
    });
    const finding = evaluate(doc, ruleLibrary([])).find((f) => f.origin === 'user');
    expect(finding).toMatchObject({ key: userThreatKey('ut-7', 'llm'), threatId: userThreatId('ut-7') });
    expect(userThreatIdOf(finding!.threatId)).toBe('ut-7');
    expect(finding!.mitigations.map((m) => m.id)).toEqual([
      userMitigationId('ut-7', 0),
      userMitigationId('ut-7', 1),
    ]);
  });
});
