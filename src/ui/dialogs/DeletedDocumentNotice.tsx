import { undoDelete } from '../documents/libraryActions';
import { runReported } from '../errors/reportFailure';
import { useAppStore, useServices } from '../store/StoreContext';

/** After a delete: the record is held here until the user undoes or dismisses it. */
export function DeletedDocumentNotice() {
  const services = useServices();
  const deleted = useAppStore((s) => s.deletedDocument);
  if (!deleted) return null;
  const { store } = services;
  return (
    <div className="notice notice-info" role="status" aria-label="Document deleted">
      <span className="notice-text">Deleted “{deleted.record.title || 'Untitled'}”.</span>
      <button
        type="button"
        className="primary-button"
        onClick={() => runReported(store, 'undo the delete', () => undoDelete(services))}
      >
        Undo
      </button>
      <button
        type="button"
        className="secondary-button"
        onClick={() => store.getState().update({ deletedDocument: null })}
      >
        Dismiss
      </button>
    </div>
  );
}
