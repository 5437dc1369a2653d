import type { Finding } from '../../core';
import { humanise } from '../inspector/fields';
import { useAppStore, useStoreApi } from '../store/StoreContext';
import { selectFindingsIndex } from '../store/selectors';
import { setGroupStatus } from '../store/triageActions';

/**
 * The root cause a finding shares with others on the same element: what it is, the sibling
 * findings (each opens on click), and one button that gives all of them this finding's status.
 * Triage stays per finding — the button only saves setting each one by hand.
 */
export function RootCauseGroup({ finding }: { finding: Finding }) {
  const store = useStoreApi();
  const index = useAppStore(selectFindingsIndex);
  const group = finding.group;
  if (!group) return null;
  const members = group.members.map((key) => index.byKey.get(key)).filter((f): f is Finding => !!f);
  const siblings = members.filter((f) => f.key !== finding.key);
  const differing = members.filter((f) => f.status !== finding.status).length;
  return (
    <div className="root-cause" role="group" aria-label={`Root cause: ${group.title}`}>
      <h4>Root cause: {group.title}</h4>
      <p className="small">{group.description}</p>
      <p className="small">
        {group.primary === finding.key ? 'Leads this group. ' : ''}
        Also caused by it on {finding.targetLabel}:
      </p>
      <ul className="root-cause-siblings" aria-label="Findings with the same root cause">
        {siblings.map((f) => (
          <li key={f.key}>
            <button
              type="button"
              className="link-button"
              onClick={() => store.getState().update({ expandedFinding: f.key })}
            >
              <span className={`severity-pill sev-${f.severity}`}>{f.severity}</span> {f.title} —{' '}
              {humanise(f.status)}
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="secondary-button"
        disabled={differing === 0}
        onClick={() => setGroupStatus(store, members, finding.status)}
      >
        Mark all {members.length} {humanise(finding.status).toLowerCase()}
      </button>
    </div>
  );
}
