import { useAppStore } from '../store/StoreContext';

/** What an import could not carry over, listed until the user dismisses it. */
export function ImportNotesPanel() {
  const notes = useAppStore((s) => s.importNotes);
  const update = useAppStore((s) => s.update);
  if (!notes) return null;
  return (
    <section className="notice notice-info import-notes" aria-label="Import notes">
      <div className="notice-text">
        <strong>{notes.heading}</strong>
        <ul>
          {notes.notes.map((note, i) => (
            <li key={i}>{note}</li>
          ))}
        </ul>
      </div>
      <button type="button" className="secondary-button" onClick={() => update({ importNotes: null })}>
        Dismiss
      </button>
    </section>
  );
}
