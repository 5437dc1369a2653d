/** Separates rule id and target id in a finding key: `rule.indirect-prompt-injection@c-llm`. */
export const FINDING_KEY_SEPARATOR = '@';

/** The stable key of a finding; triage is stored under it, so it must never change for the same rule and target. */
export function findingKey(ruleId: string, targetId: string): string {
  return `${ruleId}${FINDING_KEY_SEPARATOR}${targetId}`;
}

/** Key of a user-added threat: prefixed so it never collides with a rule's finding. */
export function userThreatKey(threatId: string, targetId: string | null): string {
  return `user.${threatId}${FINDING_KEY_SEPARATOR}${targetId ?? 'unplaced'}`;
}
