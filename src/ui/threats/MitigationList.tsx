import { MITIGATION_STATES, type Finding, type MitigationState } from '../../core';
import { humanise } from '../inspector/fields';
import { useAppStore, useStoreApi } from '../store/StoreContext';
import { editFinding } from '../store/triageActions';

const STATES = ['suggested', ...MITIGATION_STATES] as const;

/** The finding's mitigations with their state, editable; the state feeds guideline coverage. */
export function MitigationList({ finding }: { finding: Finding }) {
  const store = useStoreApi();
  const library = useAppStore((s) => s.library);
  if (finding.mitigations.length === 0) return <p className="muted small">No mitigations suggested.</p>;
  return (
    <ul className="mitigation-list" aria-label="Mitigations">
      {finding.mitigations.map((m) => {
        const guidance = library.mitigations.get(m.id)?.guidance;
        return (
          <li key={m.id} className={`mitigation state-${m.state}`}>
            <div className="mitigation-head">
              <span className="mitigation-title">{m.title}</span>
              <label className="visually-hidden" htmlFor={`${finding.key}-${m.id}`}>
                State of {m.title}
              </label>
              <select
                id={`${finding.key}-${m.id}`}
                value={m.state}
                onChange={(e) =>
                  editFinding(store, finding, {
                    mitigation: { id: m.id, state: e.target.value as MitigationState | 'suggested' },
                  })
                }
              >
                {STATES.map((s) => (
                  <option key={s} value={s}>
                    {humanise(s)}
                  </option>
                ))}
              </select>
            </div>
            {m.byDesign && <span className="tag">present by design</span>}
            {m.guidelines.length > 0 && <span className="muted small"> {m.guidelines.join(', ')}</span>}
            {guidance && <p className="small">{guidance}</p>}
          </li>
        );
      })}
    </ul>
  );
}
