import { Dialog } from './Dialog';

/** Asks before a document leaves the library (the app's own dialog: no browser confirm). */
export function ConfirmDeleteDialog({
  title,
  onConfirm,
  onCancel,
}: {
  title: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog title={`Delete “${title}”?`} onClose={onCancel} className="confirm-dialog">
      <p>
        The document and its snapshots are removed from this browser. Right after, “Undo” in the notice brings
        it back.
      </p>
      <div className="button-row">
        <button type="button" className="secondary-button" onClick={onCancel} data-autofocus>
          Cancel
        </button>
        <button type="button" className="danger-button primary-button" onClick={onConfirm}>
          Delete
        </button>
      </div>
    </Dialog>
  );
}
