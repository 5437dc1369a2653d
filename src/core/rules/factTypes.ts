import type { FactValue } from '../library/librarySchema';
import type { TargetKind } from '../model/vocabulary';
import type { EvaluationContext } from './evaluationContext';

export type FactValueType = 'boolean' | 'string' | 'number' | 'list';

/**
 * A fact rules can test. `get` must be cheap: it runs for every rule × target. `path` and
 * `defaulted` are only asked when a finding is explained.
 */
export interface FactDefinition {
  name: string;
  target: TargetKind;
  valueType: FactValueType;
  /** The values a string or list fact can take, when closed; rule values are checked against them. */
  values?: readonly string[];
  /** Documentation for rule authors (threat-library/README.md reproduces it). */
  description: string;
  /** How the fact reads in a `why` sentence, e.g. "untrusted input reaches it". */
  phrase: string;
  get(ctx: EvaluationContext, index: number): FactValue;
  /** Component indices of the path that makes the fact hold (for a list fact: for `value`). */
  path?(ctx: EvaluationContext, index: number, value: FactValue | undefined): number[] | undefined;
  defaulted?(ctx: EvaluationContext, index: number): boolean;
  /**
   * For a list fact: whether its value includes `value`, exactly as `get(ctx, index).includes(value)`,
   * answered from what the list is built from without building it. Compiled `includes`,
   * `includesAny` and `includesNone` leaves ask this instead of `get`.
   */
  has?(ctx: EvaluationContext, index: number, value: string): boolean;
  /**
   * For a list fact whose `values` (at most 31) close it: its value as bits, bit n for `values[n]`
   * and bit 31 for anything outside them. Compiled `includes`, `includesAny`, `includesNone` and
   * `includesOnly` leaves whose values are all in `values` test a mask against these bits.
   */
  bits?(ctx: EvaluationContext, index: number): number;
  /**
   * Set on a flow fact that asks a component fact of the flow's source or target (`source.type`):
   * compiled leaves read the end's index and call the component fact's `get` themselves, one call
   * per test instead of two.
   */
  endpoint?: { end: 'source' | 'target'; fact: FactDefinition };
}
