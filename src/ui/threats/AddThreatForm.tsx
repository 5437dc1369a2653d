import { useId, useState, type FormEvent } from 'react';
import { SEVERITIES, userThreatKey, type Severity } from '../../core';
import { useStoreApi } from '../store/StoreContext';
import { addThreatByHand } from '../store/triageActions';

/** Adds a threat of the user's own to the selected element; it then behaves like any finding. */
export function AddThreatForm({ targetId }: { targetId: string }) {
  const store = useStoreApi();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<Severity>('medium');
  const [description, setDescription] = useState('');
  const [mitigation, setMitigation] = useState('');
  if (!open) {
    return (
      <button type="button" className="secondary-button" onClick={() => setOpen(true)}>
        + Add a threat by hand
      </button>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return;
    const created = addThreatByHand(store, {
      targetId,
      title,
      severity,
      description,
      mitigations: [mitigation],
    });
    store.getState().update({ expandedFinding: userThreatKey(created, targetId) });
    setTitle('');
    setDescription('');
    setMitigation('');
    setOpen(false);
  };
  return (
    <form className="add-threat" onSubmit={submit} aria-label="Add a threat">
      <div className="field">
        <label htmlFor={`${id}-title`}>Threat title</label>
        <input
          id={`${id}-title`}
          type="text"
          required
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          autoFocus
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-severity`}>Severity</label>
        <select
          id={`${id}-severity`}
          value={severity}
          onChange={(e) => setSeverity(e.target.value as Severity)}
        >
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea
          id={`${id}-description`}
          rows={2}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-mitigation`}>Mitigation (optional)</label>
        <input
          id={`${id}-mitigation`}
          type="text"
          value={mitigation}
          onChange={(e) => setMitigation(e.target.value)}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="primary-button">
          Add threat
        </button>
        <button type="button" className="secondary-button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
