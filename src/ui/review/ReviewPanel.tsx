import { useEffect, useRef } from 'react';
import type { FindingStatus } from '../../core';
import { isEditableTarget } from '../commands/shortcuts';
import { humanise } from '../inspector/fields';
import { useAppStore, useStoreApi } from '../store/StoreContext';
import { selectFindingsIndex } from '../store/selectors';
import { editFinding } from '../store/triageActions';
import { ReferenceList } from '../threats/ReferenceList';
import { showCurrent, stepReview, stopReview } from './reviewActions';

const STATUS_KEYS: Record<string, FindingStatus> = {
  o: 'open',
  m: 'mitigated',
  a: 'accepted',
  x: 'not-applicable',
};

/** Workshop mode: one open finding at a time, driven from the keyboard, the canvas following along. */
export default function ReviewPanel() {
  const store = useStoreApi();
  const review = useAppStore((s) => s.review);
  const key = review?.keys[review.index];
  const finding = useAppStore((s) => (key ? selectFindingsIndex(s).byKey.get(key) : undefined));
  const panel = useRef<HTMLElement>(null);
  const note = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    panel.current?.focus();
    // The canvas just shrank to make room for this panel: bring the finding back into view.
    const frame = requestAnimationFrame(() => showCurrent(store));
    return () => cancelAnimationFrame(frame);
  }, [store]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (isEditableTarget(event.target)) {
        if (event.key === 'Escape') {
          event.preventDefault();
          panel.current?.focus();
        }
        return;
      }
      const k = event.key.toLowerCase();
      const current = store.getState();
      const f = current.review
        ? selectFindingsIndex(current).byKey.get(current.review.keys[current.review.index] ?? '')
        : undefined;
      let handled = true;
      if (k === 'j' || k === 'arrowdown' || k === 'arrowright') stepReview(store, 1);
      else if (k === 'k' || k === 'arrowup' || k === 'arrowleft') stepReview(store, -1);
      else if (k === 'escape') stopReview(store);
      else if (k === 'n') note.current?.focus();
      else if (STATUS_KEYS[k] && f) editFinding(store, f, { status: STATUS_KEYS[k] });
      else handled = false;
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  if (!review) return null;
  return (
    <section className="review-panel" aria-label="Review findings" tabIndex={-1} ref={panel}>
      <div className="review-head">
        <strong>
          Review:{' '}
          {review.keys.length === 0
            ? 'no open findings'
            : `finding ${review.index + 1} of ${review.keys.length}`}
        </strong>
        <span className="muted small">J/K to move, O/M/A/X to set status, N for a note, Esc to leave</span>
        <button type="button" className="secondary-button" onClick={() => stopReview(store)}>
          Leave review
        </button>
      </div>
      {finding && (
        <div className="review-body" aria-live="polite">
          <p>
            <span className={`severity-pill sev-${finding.severity}`}>{finding.severity}</span>{' '}
            <strong>{finding.title}</strong> on <em>{finding.targetLabel}</em> —{' '}
            <span className={`status-pill status-${finding.status}`}>{humanise(finding.status)}</span>
          </p>
          <p className="small">{finding.why}</p>
          <div className="button-row" role="group" aria-label="Set status">
            {Object.entries(STATUS_KEYS).map(([letter, status]) => (
              <button
                key={status}
                type="button"
                aria-pressed={finding.status === status}
                onClick={() => editFinding(store, finding, { status })}
              >
                <kbd>{letter.toUpperCase()}</kbd> {humanise(status)}
              </button>
            ))}
          </div>
          <label htmlFor="review-note">Note</label>
          <textarea
            id="review-note"
            ref={note}
            rows={2}
            value={finding.note ?? ''}
            onChange={(e) => editFinding(store, finding, { note: e.target.value })}
          />
          <ReferenceList references={finding.references} />
          <div className="button-row">
            <button type="button" onClick={() => stepReview(store, -1)} disabled={review.index === 0}>
              ← Previous
            </button>
            <button
              type="button"
              onClick={() => stepReview(store, 1)}
              disabled={review.index >= review.keys.length - 1}
            >
              Next →
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
