import type { Component, DataFlow, ThreatModelDocument, TrustBoundary } from '../../core';

/**
 * Elements by id, memoised per array: Immer's structural sharing keeps an unchanged list the same
 * object. Apart from the selectors so that the start screen's first load does not carry the rules
 * engine the selectors evaluate with.
 */
const byIdCache = new WeakMap<readonly { id: string }[], Map<string, unknown>>();

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  let map = byIdCache.get(items) as Map<string, T> | undefined;
  if (!map) {
    map = new Map(items.map((item) => [item.id, item]));
    byIdCache.set(items, map);
  }
  return map;
}

export const componentsById = (doc: ThreatModelDocument): Map<string, Component> => byId(doc.components);
export const flowsById = (doc: ThreatModelDocument): Map<string, DataFlow> => byId(doc.dataFlows);
export const boundariesById = (doc: ThreatModelDocument): Map<string, TrustBoundary> =>
  byId(doc.trustBoundaries);
