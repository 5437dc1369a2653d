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
}
