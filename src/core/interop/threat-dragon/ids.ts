/** Threat Dragon ids of our elements and threats: UUIDs derived from our ids, so exports are deterministic. */
import { stableUuid } from '../shared/stableUuid';

/** Threat Dragon cell id of one of our elements. */
export function threatDragonCellId(elementId: string): string {
  return stableUuid(`td-cell:${elementId}`);
}

/** Threat Dragon threat id of one of our findings (by key) or user threats (by id). */
export function threatDragonThreatId(findingKey: string): string {
  return stableUuid(`td-threat:${findingKey}`);
}

export function userThreatTdId(threatId: string): string {
  return stableUuid(`td-user-threat:${threatId}`);
}
