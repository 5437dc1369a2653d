import { resolvePendingImport } from '../documents/openDocument';
import { runReported } from '../errors/reportFailure';
import { useAppStore, useStoreApi } from '../store/StoreContext';
import { Dialog } from './Dialog';

/** A Threat Composer file has threats but no diagram: open it on its own, or add its threats here. */
export function ImportChoiceDialog() {
  const store = useStoreApi();
  const pending = useAppStore((s) => s.pendingImport);
  const title = useAppStore((s) => s.document.meta.title);
  if (!pending) return null;
  const count = pending.document.userThreats.length;
  // resolvePendingImport reports its own failures; runReported catches what it could not foresee.
  const choose = (choice: 'new' | 'merge' | 'cancel') =>
    runReported(store, `import ${pending.fileName}`, () => resolvePendingImport(store, choice));
  return (
    <Dialog title={`Import ${pending.fileName}`} onClose={() => choose('cancel')}>
      <p>
        This Threat Composer file has {count} threat{count === 1 ? '' : 's'} and no diagram. Imported threats
        are unplaced: attach each one to a component or data flow from the Threats panel.
      </p>
      <div className="button-row">
        <button type="button" className="primary-button" onClick={() => choose('merge')}>
          Add the threats to “{title}”
        </button>
        <button type="button" className="secondary-button" onClick={() => choose('new')}>
          Open as a new model
        </button>
        <button type="button" className="secondary-button" onClick={() => choose('cancel')}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
