import { FINDING_KEY_SEPARATOR } from './findingKey';

/**
 * The id scheme of threats users add by hand. Nothing derives them, so their ids are made up
 * here: a prefix no rule id can have (rule ids start with `rule.`, threat ids with `threat.`)
 * keeps them apart from library findings in triage, filters and exports.
 */
export const USER_THREAT_PREFIX = 'user.';

/** The `threatId` of the finding a user threat becomes: `user.<id>`. */
export function userThreatId(threatId: string): string {
  return `${USER_THREAT_PREFIX}${threatId}`;
}

/** The user threat's own id back from a finding's `threatId`, or undefined if it is a library threat. */
export function userThreatIdOf(findingThreatId: string): string | undefined {
  return findingThreatId.startsWith(USER_THREAT_PREFIX)
    ? findingThreatId.slice(USER_THREAT_PREFIX.length)
    : undefined;
}

/**
 * The id of a user threat's mitigation, `user.<id>.<n>`: mitigations users type have no id, so
 * they are numbered by position from 1. `index` is the zero-based position in the threat's list.
 */
export function userMitigationId(threatId: string, index: number): string {
  return `${userThreatId(threatId)}.${index + 1}`;
}

/** Key of a user-added threat's finding: prefixed so it never collides with a rule's finding. */
export function userThreatKey(threatId: string, targetId: string | null): string {
  return `${userThreatId(threatId)}${FINDING_KEY_SEPARATOR}${targetId ?? 'unplaced'}`;
}
