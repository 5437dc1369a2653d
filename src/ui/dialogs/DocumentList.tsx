import { useState } from 'react';
import { deleteLibraryDocument, openLibraryDocument, restoreSnapshot } from '../documents/libraryActions';
import { runReported } from '../errors/reportFailure';
import type { DocumentSummary } from '../platform/documentLibrary';
import { useAppStore, useServices } from '../store/StoreContext';
import { ConfirmDeleteDialog } from './ConfirmDeleteDialog';
import { useLibraryListing } from './useLibraryListing';
import '../styles/documents.css';

const when = (ms: number) => new Date(ms).toLocaleString();

/**
 * The documents in this browser, newest change first, with Open and Delete (asked first, then
 * undoable); with `snapshots`, each document's snapshots can be listed and restored.
 */
export function DocumentList({ snapshots = false, heading }: { snapshots?: boolean; heading?: string }) {
  const services = useServices();
  const { store } = services;
  const currentId = useAppStore((s) => s.documentId);
  const { listing, failed } = useLibraryListing();
  const [confirming, setConfirming] = useState<DocumentSummary | null>(null);
  const [expanded, setExpanded] = useState<string | null>(null);
  if (failed)
    return services.documents === undefined || services.documents === null ? null : (
      <p className="muted small" role="status">
        The document library cannot be read in this browser; your model is kept in this tab.
      </p>
    );
  if (!listing) return null;
  const { documents, broken } = listing;
  if (documents.length === 0 && broken.length === 0 && !snapshots) return null;
  const run = (what: string, action: () => Promise<unknown>) => runReported(store, what, action);
  return (
    <section className="document-library" aria-label="Your documents">
      {heading && <h2>{heading}</h2>}
      {documents.length === 0 && <p className="muted small">No documents yet.</p>}
      <ul className="document-list">
        {documents.map((d) => (
          <li key={d.id} className="document-row" aria-label={d.title || 'Untitled'}>
            <div className="document-row-main">
              <strong className="document-title">{d.title || 'Untitled'}</strong>
              <span className="muted small">
                {d.id === currentId ? 'Open here · ' : ''}last change {when(d.updatedAt)}
              </span>
              <div className="document-actions">
                <button
                  type="button"
                  className="secondary-button"
                  aria-label={`Open ${d.title || 'Untitled'}`}
                  onClick={() => run(`open “${d.title}”`, () => openLibraryDocument(services, d.id))}
                >
                  Open
                </button>
                {snapshots && (
                  <button
                    type="button"
                    className="secondary-button"
                    aria-expanded={expanded === d.id}
                    aria-label={`Snapshots of ${d.title || 'Untitled'}`}
                    onClick={() => setExpanded(expanded === d.id ? null : d.id)}
                  >
                    Snapshots ({d.snapshots.length})
                  </button>
                )}
                <button
                  type="button"
                  className="secondary-button"
                  aria-label={`Delete ${d.title || 'Untitled'}`}
                  onClick={() => setConfirming(d)}
                >
                  Delete
                </button>
              </div>
            </div>
            {snapshots && expanded === d.id && (
              <ul className="snapshot-list" aria-label={`Snapshots of ${d.title || 'Untitled'}`}>
                {d.snapshots.length === 0 && <li className="muted small">No snapshots yet.</li>}
                {[...d.snapshots].reverse().map((s) => (
                  <li key={s.id}>
                    <span>{s.label}</span> <span className="muted small">{when(s.takenAt)}</span>{' '}
                    <button
                      type="button"
                      className="secondary-button"
                      aria-label={`Restore ${s.label}`}
                      onClick={() => run('restore the snapshot', () => restoreSnapshot(services, d.id, s.id))}
                    >
                      Restore
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {broken.length > 0 && (
        <p className="muted small" role="status">
          {broken.length} stored record{broken.length === 1 ? '' : 's'} could not be read and{' '}
          {broken.length === 1 ? 'is' : 'are'} left as {broken.length === 1 ? 'it is' : 'they are'}:{' '}
          {broken.map((b) => `${b.key}: ${b.problem}`).join('; ')}
        </p>
      )}
      {confirming && (
        <ConfirmDeleteDialog
          title={confirming.title || 'Untitled'}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            const id = confirming.id;
            setConfirming(null);
            run(`delete “${confirming.title}”`, () => deleteLibraryDocument(services, id));
          }}
        />
      )}
    </section>
  );
}
