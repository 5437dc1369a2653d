import { describe, expect, it } from 'vitest';
import { OPERATORS, OPERATOR_NAMES, type FactValue } from '../../../src/core/index';
import { opCode, testOperator, valueList } from '../../../src/core/rules/operators';

// Every operator, with cases that hold and cases that do not.
const cases: Record<string, [FactValue, FactValue | undefined, boolean][]> = {
  eq: [
    [true, true, true],
    [false, true, false],
    ['internet', 'internet', true],
    ['internal', 'internet', false],
    [3, 3, true],
  ],
  ne: [
    [true, false, true],
    ['a', 'a', false],
  ],
  in: [
    ['internet', ['internet', 'dmz'], true],
    ['internal', ['internet', 'dmz'], false],
    [null, ['x'], false],
  ],
  notIn: [
    ['internal', ['internet'], true],
    ['internet', ['internet'], false],
    [null, ['x'], true],
  ],
  includes: [
    [['prompts', 'personal-data'], 'personal-data', true],
    [['prompts'], 'personal-data', false],
    [[], 'x', false],
  ],
  includesAny: [
    [['a', 'b'], ['b', 'c'], true],
    [['a'], ['b', 'c'], false],
  ],
  includesNone: [
    [['a'], ['b', 'c'], true],
    [['a', 'b'], ['b'], false],
    [[], ['b'], true],
  ],
  includesOnly: [
    [['telemetry'], ['telemetry'], true],
    [['telemetry', 'prompts'], ['telemetry'], false],
    [[], ['telemetry'], false],
    [null, ['telemetry'], false],
  ],
  gt: [
    [3, 2, true],
    [2, 2, false],
  ],
  gte: [
    [2, 2, true],
    [1, 2, false],
  ],
  lt: [
    [1, 2, true],
    [2, 2, false],
  ],
  lte: [
    [2, 2, true],
    [3, 2, false],
  ],
  exists: [
    ['x', undefined, true],
    [null, undefined, false],
    [[], true, false],
    [null, false, true],
    ['', undefined, false],
  ],
};

describe('operator table', () => {
  it('covers exactly the declared operators', () => {
    expect(Object.keys(OPERATORS).sort()).toEqual([...OPERATOR_NAMES].sort());
    expect(Object.keys(cases).sort()).toEqual([...OPERATOR_NAMES].sort());
  });

  for (const [name, list] of Object.entries(cases)) {
    it.each(list)(`${name}(%j, %j) is %s`, (actual, expected, holds) => {
      expect(OPERATORS[name as keyof typeof OPERATORS].test(actual, expected)).toBe(holds);
    });
  }
});

describe('inline operator tests (what compiled leaves run)', () => {
  // Every case of every operator, and every actual value of the table against every expected one:
  // the inline switch must answer as the table does, including for values of the wrong type.
  const actuals = Object.values(cases).flatMap((list) => list.map(([a]) => a));
  const expecteds = Object.values(cases).flatMap((list) => list.map(([, e]) => e));
  for (const name of OPERATOR_NAMES) {
    it(`${name} answers as the table`, () => {
      const op = OPERATORS[name];
      for (const actual of actuals)
        for (const expected of expecteds)
          expect([
            name,
            actual,
            expected,
            testOperator(opCode(name), op, actual, expected, valueList(expected)),
          ]).toEqual([name, actual, expected, op.test(actual, expected)]);
    });
  }
});
