/** Separates rule id and target id in a finding key: `rule.indirect-prompt-injection@c-llm`. */
export const FINDING_KEY_SEPARATOR = '@';

/** The stable key of a finding; triage is stored under it, so it must never change for the same rule and target. */
export function findingKey(ruleId: string, targetId: string): string {
  return `${ruleId}${FINDING_KEY_SEPARATOR}${targetId}`;
}
