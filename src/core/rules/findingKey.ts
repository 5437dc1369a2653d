/** Separates rule id and target id in a finding key: `rule.indirect-prompt-injection@c-llm`. */
export const FINDING_KEY_SEPARATOR = '@';

/** The stable key of a finding; triage is stored under it, so it must never change for the same rule and target. */
export function findingKey(ruleId: string, targetId: string): string {
  return `${ruleId}${FINDING_KEY_SEPARATOR}${targetId}`;
}

// The key of a user threat's finding lives with the rest of the user-threat id scheme. Re-exported
// here only for src/core/interop, which still imports it from this file; drop once it does not.
export { userThreatKey } from './userThreatIds';
