import type { FactValue, OperatorName } from '../library/librarySchema';
import type { FactValueType } from './factTypes';

/**
 * The closed operator table. Each operator says which fact types and rule values it accepts, so a
 * rule that compares a list with `gt` is rejected at load time instead of quietly never firing.
 */
export interface OperatorDefinition {
  name: OperatorName;
  /** Fact value types the operator applies to. */
  facts: readonly FactValueType[];
  /** What the rule's `value` must be, given the fact's type. */
  value: 'same' | 'string' | 'stringList' | 'number' | 'optionalBoolean';
  phrase: string;
  test(actual: FactValue, expected: FactValue | undefined): boolean;
}

const asList = (v: FactValue | undefined): readonly string[] => (Array.isArray(v) ? v : []);
const num = (v: FactValue | undefined): number => (typeof v === 'number' ? v : Number.NaN);
/**
 * Whether any item of `wanted` is in `list`. A plain loop: operators run for every rule on every
 * element, and a callback per call (`some(x => …)`) allocated a closure each time.
 */
function includesAny(list: readonly string[], wanted: readonly string[]): boolean {
  for (let i = 0; i < wanted.length; i++) if (list.includes(wanted[i]!)) return true;
  return false;
}
function includesOnly(list: readonly string[], allowed: readonly string[]): boolean {
  if (list.length === 0) return false;
  for (let i = 0; i < list.length; i++) if (!allowed.includes(list[i]!)) return false;
  return true;
}

export const OPERATORS: Readonly<Record<OperatorName, OperatorDefinition>> = {
  eq: {
    name: 'eq',
    facts: ['boolean', 'string', 'number'],
    value: 'same',
    phrase: 'is',
    test: (a, e) => a === e,
  },
  ne: {
    name: 'ne',
    facts: ['boolean', 'string', 'number'],
    value: 'same',
    phrase: 'is not',
    test: (a, e) => a !== e,
  },
  in: {
    name: 'in',
    facts: ['string'],
    value: 'stringList',
    phrase: 'is one of',
    test: (a, e) => typeof a === 'string' && asList(e).includes(a),
  },
  notIn: {
    name: 'notIn',
    facts: ['string'],
    value: 'stringList',
    phrase: 'is none of',
    test: (a, e) => typeof a !== 'string' || !asList(e).includes(a),
  },
  includes: {
    name: 'includes',
    facts: ['list'],
    value: 'string',
    phrase: 'include',
    test: (a, e) => typeof e === 'string' && asList(a).includes(e),
  },
  includesAny: {
    name: 'includesAny',
    facts: ['list'],
    value: 'stringList',
    phrase: 'include any of',
    test: (a, e) => includesAny(asList(a), asList(e)),
  },
  includesNone: {
    name: 'includesNone',
    facts: ['list'],
    value: 'stringList',
    phrase: 'include none of',
    test: (a, e) => !includesAny(asList(a), asList(e)),
  },
  includesOnly: {
    name: 'includesOnly',
    facts: ['list'],
    value: 'stringList',
    phrase: 'include only',
    // Non-empty and nothing outside the list: "carries only telemetry" stays true when new data
    // categories are added, unlike an includesNone over every other category.
    test: (a, e) => includesOnly(asList(a), asList(e)),
  },
  gt: {
    name: 'gt',
    facts: ['number'],
    value: 'number',
    phrase: 'is greater than',
    test: (a, e) => num(a) > num(e),
  },
  gte: {
    name: 'gte',
    facts: ['number'],
    value: 'number',
    phrase: 'is at least',
    test: (a, e) => num(a) >= num(e),
  },
  lt: {
    name: 'lt',
    facts: ['number'],
    value: 'number',
    phrase: 'is less than',
    test: (a, e) => num(a) < num(e),
  },
  lte: {
    name: 'lte',
    facts: ['number'],
    value: 'number',
    phrase: 'is at most',
    test: (a, e) => num(a) <= num(e),
  },
  exists: {
    name: 'exists',
    facts: ['boolean', 'string', 'number', 'list'],
    value: 'optionalBoolean',
    phrase: 'is set',
    test: (a, e) => (a !== null && a !== '' && !(Array.isArray(a) && a.length === 0)) === (e ?? true),
  },
};

/**
 * The operators a compiled leaf tests inline (conditions.ts), by number; `OTHER` goes through the
 * table's `test`. Every leaf of every rule is tested on every target it may apply to: a call through
 * the table is a megamorphic call per test, and `asList` on the rule's value a check per test too.
 */
export const OP_CODE = {
  OTHER: 0,
  EQ: 1,
  NE: 2,
  IN: 3,
  NOT_IN: 4,
  INCLUDES: 5,
  INCLUDES_ANY: 6,
  INCLUDES_NONE: 7,
  INCLUDES_ONLY: 8,
} as const;

const CODES: Partial<Record<OperatorName, number>> = {
  eq: OP_CODE.EQ,
  ne: OP_CODE.NE,
  in: OP_CODE.IN,
  notIn: OP_CODE.NOT_IN,
  includes: OP_CODE.INCLUDES,
  includesAny: OP_CODE.INCLUDES_ANY,
  includesNone: OP_CODE.INCLUDES_NONE,
  includesOnly: OP_CODE.INCLUDES_ONLY,
};

export function opCode(name: OperatorName): number {
  return CODES[name] ?? OP_CODE.OTHER;
}

/** The rule's value as the list `in`, `notIn`, `includesAny` and `includesNone` compare with, read once. */
export function valueList(value: FactValue | undefined): readonly string[] {
  return asList(value);
}

/**
 * What `OPERATORS[name].test(actual, expected)` answers, for the operator of `code`, with
 * `list = valueList(expected)`: the same expressions, without the call through the table.
 */
export function testOperator(
  code: number,
  op: OperatorDefinition,
  actual: FactValue,
  expected: FactValue | undefined,
  list: readonly string[],
): boolean {
  switch (code) {
    case OP_CODE.EQ:
      return actual === expected;
    case OP_CODE.NE:
      return actual !== expected;
    case OP_CODE.IN:
      return typeof actual === 'string' && list.includes(actual);
    case OP_CODE.NOT_IN:
      return typeof actual !== 'string' || !list.includes(actual);
    case OP_CODE.INCLUDES:
      return typeof expected === 'string' && asList(actual).includes(expected);
    case OP_CODE.INCLUDES_ANY:
      return includesAny(asList(actual), list);
    case OP_CODE.INCLUDES_NONE:
      return !includesAny(asList(actual), list);
    case OP_CODE.INCLUDES_ONLY:
      return includesOnly(asList(actual), list);
    default:
      return op.test(actual, expected);
  }
}
