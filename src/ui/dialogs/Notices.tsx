import { useAppStore } from '../store/StoreContext';

/** Errors (a file that could not be opened) and warnings (autosave failing) stay visible until dismissed or fixed. */
export function Notices() {
  const notice = useAppStore((s) => s.notice);
  const storageWarning = useAppStore((s) => s.storageWarning);
  const update = useAppStore((s) => s.update);
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
      {storageWarning && (
        <div className="notice notice-warning" role="status">
          <span className="notice-text">{storageWarning}</span>
        </div>
      )}
    </>
  );
}
