import { useCommand } from '../commands/useCommand';
import { useAppStore } from '../store/StoreContext';

const time = (ms: number) => new Date(ms).toLocaleTimeString();

/**
 * (The analysis-failure notice is AnalysisFailureNotice, loaded with the editor.)
 * Errors (a file that could not be opened) and warnings (autosave failing, another tab's newer
 * version) stay visible until dismissed or resolved.
 */
export function Notices() {
  const notice = useAppStore((s) => s.notice);
  const storageWarning = useAppStore((s) => s.storageWarning);
  const conflict = useAppStore((s) => s.autosaveConflict);
  const update = useAppStore((s) => s.update);
  const resolve = useAppStore((s) => s.resolveAutosaveConflict);
  const save = useCommand('save');
  return (
    <>
      {notice && (
        <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <pre className="notice-text">{notice.message}</pre>
          <button type="button" className="secondary-button" onClick={() => update({ notice: null })}>
            Dismiss
          </button>
        </div>
      )}
      {conflict && (
        <div className="notice notice-warning" role="alert" aria-label="Autosave conflict">
          <span className="notice-text">
            This model was changed in another tab
            {conflict.savedAt ? ` at ${time(conflict.savedAt)}` : ' (or by another version of this app)'}, and
            this tab has not loaded that version. Autosave is paused here so that neither is lost: reload the
            newer version (Undo brings this tab’s back), or keep this tab’s version and overwrite the other.
          </span>
          <button type="button" className="primary-button" onClick={() => resolve('theirs')}>
            Reload the newer version
          </button>
          <button type="button" className="secondary-button" onClick={() => resolve('mine')}>
            Keep mine
          </button>
        </div>
      )}
      {storageWarning && (
        <div className="notice notice-warning" role="status">
          <span className="notice-text">{storageWarning}</span>
          <button type="button" className="secondary-button" onClick={save.run} disabled={!save.enabled}>
            Download a copy
          </button>
        </div>
      )}
    </>
  );
}
