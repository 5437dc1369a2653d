import { useCallback, useId, useState, type ReactNode } from 'react';
import { serialiseDocument } from '../../core';
import { Dialog } from '../dialogs/Dialog';
import { saveFileName } from '../documents/fileNames';
import { useServices } from '../store/StoreContext';
import { ErrorBoundary } from './ErrorBoundary';
import { lastValidDocument } from './lastValidDocument';
import { describeError, failureMessage } from './reportFailure';

/** The whole editor, one panel, or a dialog (whose fallback stays a dialog, with a Close). */
type Variant = 'app' | 'panel' | 'dialog';

/**
 * Keeps a crash in one part of the UI from taking the rest (and the user's work) with it: the
 * part is replaced by a fallback that says what happened, offers the model as a download and a
 * retry. From the first crash on, autosave only writes documents that pass the checks.
 */
export function CrashBoundary({
  area,
  variant = 'panel',
  resetKey,
  onClose,
  children,
}: {
  /** The part that failed, as the fallback names it: "threats panel", "inspector". */
  area: string;
  variant?: Variant;
  resetKey?: string;
  /** For dialogs: closes the dialog from its fallback. */
  onClose?: () => void;
  children: ReactNode;
}) {
  const { store } = useServices();
  const onError = useCallback(() => store.getState().protectAutosave(), [store]);
  return (
    <ErrorBoundary
      onError={onError}
      {...(resetKey !== undefined ? { resetKey } : {})}
      fallback={(error, retry) => (
        <CrashFallback
          area={area}
          variant={variant}
          error={error}
          retry={retry}
          {...(onClose ? { onClose } : {})}
        />
      )}
    >
      {children}
    </ErrorBoundary>
  );
}

function CrashFallback({
  area,
  variant,
  error,
  retry,
  onClose,
}: {
  area: string;
  variant: Variant;
  error: unknown;
  retry: () => void;
  onClose?: () => void;
}) {
  const { store, platform } = useServices();
  const headingId = useId();
  const [downloadError, setDownloadError] = useState<string | null>(null);
  // Checked when the fallback appears, for the advice; the download checks again (editing goes on).
  const [atCrash] = useState(() => lastValidDocument(store.getState()));

  const reload = () => {
    // Keep the latest change that passes the checks (autosave is guarded now), then start afresh.
    store.getState().flushAutosave();
    window.location.reload();
  };

  const download = () => {
    try {
      const rescued = lastValidDocument(store.getState());
      if (!rescued) throw new Error('no version of the model passes the checks');
      const { document } = rescued;
      const name = saveFileName(document.meta.title, store.getState().fileName);
      platform.download(name, serialiseDocument(document), 'application/json');
      setDownloadError(null);
    } catch (failure) {
      setDownloadError(failureMessage('download the model', failure));
    }
  };

  const title = variant === 'app' ? 'The editor stopped working' : `The ${area} stopped working`;
  const body = (
    <>
      <p className="crash-reason">
        {variant === 'app' ? 'Something went wrong' : `Something went wrong in the ${area}`}:{' '}
        {describeError(error)}.
      </p>
      <p className="crash-advice">
        {atCrash?.current === false
          ? 'The latest change did not pass the model checks, so the download holds the version before it. '
          : 'Your model is kept. '}
        Download it to be safe, then try again
        {variant === 'app' ? ' or reload the page' : '; the rest of the editor still works'}.
      </p>
      <div className="button-row">
        <button type="button" className="primary-button" onClick={download} data-autofocus>
          Download the model (.aitm.json)
        </button>
        <button type="button" className="secondary-button" onClick={retry}>
          Try again
        </button>
        {variant === 'app' && (
          <button type="button" className="secondary-button" onClick={reload}>
            Reload the page
          </button>
        )}
        {onClose && (
          <button type="button" className="secondary-button" onClick={onClose}>
            Close
          </button>
        )}
      </div>
      {downloadError && <p className="crash-reason">{downloadError}</p>}
    </>
  );

  if (variant === 'dialog')
    return (
      <Dialog title={title} onClose={onClose ?? retry}>
        <div className="crash crash-dialog" role="alert">
          {body}
        </div>
      </Dialog>
    );
  return (
    <section className={`crash crash-${variant}`} role="alert" aria-labelledby={headingId}>
      <h2 id={headingId} className="crash-title">
        {title}
      </h2>
      {body}
    </section>
  );
}
