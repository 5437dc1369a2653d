import type { AppStore } from '../store/createAppStore';
import { selectFindings, sortFindings } from '../store/selectors';

/**
 * Review mode steps through the open findings, most severe first. The list is a snapshot taken
 * when the review starts, so marking a finding mitigated does not make the next one jump away.
 */
export function startReview(store: AppStore): void {
  const keys = sortFindings(selectFindings(store.getState()).filter((f) => f.status === 'open')).map(
    (f) => f.key,
  );
  store.getState().update({ review: { keys, index: 0 }, sidePanel: 'threats' });
  showCurrent(store);
}

export function stopReview(store: AppStore): void {
  store.getState().update({ review: null });
}

export function stepReview(store: AppStore, delta: number): void {
  const review = store.getState().review;
  if (!review || review.keys.length === 0) return;
  const index = Math.min(review.keys.length - 1, Math.max(0, review.index + delta));
  if (index === review.index) return;
  store.getState().update({ review: { ...review, index } });
  showCurrent(store);
}

/** Selects the current finding's element and asks the canvas to bring it into view. */
export function showCurrent(store: AppStore): void {
  const { review } = store.getState();
  const key = review?.keys[review.index];
  if (key === undefined) return;
  const finding = selectFindings(store.getState()).find((f) => f.key === key);
  if (!finding) return;
  store.getState().update({ expandedFinding: key });
  if (finding.targetKind !== 'model') {
    store.getState().select([finding.targetId]);
    store.getState().focus(finding.targetId);
  }
}
