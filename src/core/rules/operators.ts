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
