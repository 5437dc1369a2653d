import type { Catalogue } from '../library/catalogue';
import type { TargetKind } from '../model/vocabulary';
import { componentFacts } from './componentFacts';
import type { FactDefinition } from './factTypes';
import { dataFlowFacts, endpointFact, modelFacts, trustBoundaryFacts } from './otherFacts';

/**
 * The typed fact registry: every fact a rule may name, per target kind. A rule naming a fact that
 * is not here is rejected when the library loads — never silently false at evaluation time.
 */
export type FactRegistry = ReadonlyMap<TargetKind, ReadonlyMap<string, FactDefinition>>;

export function buildFactRegistry(catalogue: Catalogue): FactRegistry {
  const component = componentFacts(catalogue);
  const flow = [
    ...dataFlowFacts,
    ...component.map((f) => endpointFact('source', f)),
    ...component.map((f) => endpointFact('target', f)),
  ];
  const byName = (facts: FactDefinition[]) => new Map(facts.map((f) => [f.name, f]));
  return new Map<TargetKind, ReadonlyMap<string, FactDefinition>>([
    ['component', byName(component)],
    ['dataFlow', byName(flow)],
    ['trustBoundary', byName(trustBoundaryFacts)],
    ['model', byName(modelFacts)],
  ]);
}
