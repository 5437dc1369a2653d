import { takeSnapshotNow } from '../documents/libraryActions';
import { runReported } from '../errors/reportFailure';
import { useAppStore, useServices } from '../store/StoreContext';
import { Dialog } from './Dialog';
import { DocumentList } from './DocumentList';

/** "Documents…": every model in this browser, with open, delete, snapshots and Take snapshot. */
export default function DocumentsDialog() {
  const services = useServices();
  const { store } = services;
  const inEditor = useAppStore((s) => s.view === 'editor');
  const close = () => store.getState().update({ documentsOpen: false });
  return (
    <Dialog title="Documents" onClose={close} className="documents-dialog">
      <p className="muted small">
        Every model you open, import or start is kept here, in this browser, each in its own document.
      </p>
      <div className="button-row">
        {inEditor && (
          <button
            type="button"
            className="secondary-button"
            onClick={() => runReported(store, 'take a snapshot', () => takeSnapshotNow(services))}
          >
            Take snapshot
          </button>
        )}
        <button type="button" className="secondary-button" onClick={close} data-autofocus>
          Close
        </button>
      </div>
      <DocumentList snapshots />
    </Dialog>
  );
}
