import {
  addUserThreat,
  setTriage,
  updateUserThreat,
  removeUserThreat,
  userMitigationId,
  userThreatIdOf,
  type Finding,
  type FindingStatus,
  type MitigationState,
  type Severity,
  type ThreatModelDocument,
  type UserThreat,
} from '../../core';
import type { AppStore } from './createAppStore';
import { freshId } from './freshIds';

/**
 * Triage edits for any finding. Rule findings keep their triage in `document.triage` under the
 * finding key; threats users added keep it on the threat itself — callers need not care which.
 */

export interface FindingEdit {
  status?: FindingStatus;
  owner?: string;
  note?: string;
  mitigation?: { id: string; state: MitigationState | 'suggested' };
}

function userThreatOf(doc: ThreatModelDocument, finding: Finding): UserThreat | undefined {
  if (finding.origin !== 'user') return undefined;
  const id = userThreatIdOf(finding.threatId);
  return doc.userThreats.find((t) => t.id === id);
}

export function editFinding(store: AppStore, finding: Finding, edit: FindingEdit): void {
  const typing = edit.owner !== undefined ? 'owner' : edit.note !== undefined ? 'note' : null;
  const meta = typing ? { coalesce: `${typing}:${finding.key}` } : undefined;
  store.getState().change((doc) => {
    const threat = userThreatOf(doc, finding);
    if (threat) {
      const mitigations = edit.mitigation
        ? (threat.mitigations ?? []).map((m, i) =>
            userMitigationId(threat.id, i) === edit.mitigation!.id
              ? { ...m, state: edit.mitigation!.state }
              : m,
          )
        : undefined;
      return updateUserThreat(doc, threat.id, {
        ...(edit.status ? { status: edit.status } : {}),
        ...(edit.owner !== undefined ? { owner: edit.owner } : {}),
        ...(edit.note !== undefined ? { note: edit.note } : {}),
        ...(mitigations ? { mitigations } : {}),
      });
    }
    const firstTriage = doc.triage[finding.key] === undefined;
    return setTriage(doc, finding.key, {
      // The first triage starts from what the user sees (e.g. "mitigated" by design), not from "open".
      ...(edit.status ? { status: edit.status } : firstTriage ? { status: finding.status } : {}),
      ...(edit.owner !== undefined ? { owner: edit.owner } : {}),
      ...(edit.note !== undefined ? { note: edit.note } : {}),
      ...(edit.mitigation
        ? {
            mitigations: {
              [edit.mitigation.id]: edit.mitigation.state === 'suggested' ? null : edit.mitigation.state,
            },
          }
        : {}),
    });
  }, meta);
}

export interface NewUserThreat {
  targetId: string;
  title: string;
  severity: Severity;
  description?: string;
  mitigations?: string[];
}

export function addThreatByHand(store: AppStore, input: NewUserThreat): string {
  const id = freshId(store.getState().document, 'ut', store.getState().collab?.idTag ?? null);
  const mitigations = (input.mitigations ?? []).map((title) => title.trim()).filter(Boolean);
  store.getState().change((doc) =>
    addUserThreat(doc, {
      id,
      targetId: input.targetId,
      title: input.title.trim(),
      severity: input.severity,
      status: 'open',
      ...(input.description?.trim() ? { description: input.description.trim() } : {}),
      ...(mitigations.length
        ? { mitigations: mitigations.map((title) => ({ title, state: 'suggested' as const })) }
        : {}),
    }),
  );
  return id;
}

export function removeThreatByHand(store: AppStore, finding: Finding): void {
  const id = finding.origin === 'user' ? userThreatIdOf(finding.threatId) : undefined;
  if (id === undefined) return;
  store.getState().change((doc) => removeUserThreat(doc, id));
}

/** Attaches an unplaced (imported) threat to an element; from then on it is a finding of that element. */
export function attachUserThreat(store: AppStore, threatId: string, targetId: string): void {
  store.getState().change((doc) => updateUserThreat(doc, threatId, { targetId }));
}

export function deleteUserThreat(store: AppStore, threatId: string): void {
  store.getState().change((doc) => removeUserThreat(doc, threatId));
}

/**
 * Sets one status on every finding of a root-cause group, as one undo step. Each finding keeps its
 * own triage under its own key, so a later change to one facet (or the group breaking up when the
 * design changes) never loses a decision.
 */
export function setGroupStatus(store: AppStore, members: readonly Finding[], status: FindingStatus): void {
  store
    .getState()
    .change((doc) =>
      members.reduce(
        (next, f) => (f.origin === 'rule' && f.status !== status ? setTriage(next, f.key, { status }) : next),
        doc,
      ),
    );
}
