import { useId, type Ref } from 'react';
import { FINDING_STATUSES, type Finding, type FindingStatus } from '../../core';
import { humanise } from '../inspector/fields';
import { useStoreApi } from '../store/StoreContext';
import { editFinding } from '../store/triageActions';

/** Status, owner and note of one finding. */
export function TriageControls({
  finding,
  noteRef,
}: {
  finding: Finding;
  noteRef?: Ref<HTMLTextAreaElement>;
}) {
  const store = useStoreApi();
  const id = useId();
  return (
    <div className="triage-controls">
      <div className="field">
        <label htmlFor={`${id}-status`}>Triage status</label>
        <select
          id={`${id}-status`}
          value={finding.status}
          onChange={(e) => editFinding(store, finding, { status: e.target.value as FindingStatus })}
        >
          {FINDING_STATUSES.map((s) => (
            <option key={s} value={s}>
              {humanise(s)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-owner`}>Owner</label>
        <input
          id={`${id}-owner`}
          type="text"
          value={finding.owner ?? ''}
          onChange={(e) => editFinding(store, finding, { owner: e.target.value })}
        />
      </div>
      <div className="field field-wide">
        <label htmlFor={`${id}-note`}>Note</label>
        <textarea
          id={`${id}-note`}
          ref={noteRef}
          rows={2}
          value={finding.note ?? ''}
          onChange={(e) => editFinding(store, finding, { note: e.target.value })}
        />
      </div>
    </div>
  );
}
