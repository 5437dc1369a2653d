import { memo } from 'react';
import { useAppStore } from '../store/StoreContext';
import { selectOpenCount, selectTopSeverity } from '../store/selectors';

/**
 * Open findings on one element, coloured by the highest severity. Subscribes to two primitives,
 * so it re-renders only when this element's count or severity changes.
 */
export const FindingBadge = memo(function FindingBadge({ id }: { id: string }) {
  const count = useAppStore(selectOpenCount(id));
  const severity = useAppStore(selectTopSeverity(id));
  if (count === 0 || severity === null) return null;
  const text = `${count} open finding${count === 1 ? '' : 's'}, highest severity ${severity}`;
  return (
    <span className={`badge sev-${severity}`} title={text} aria-label={text} role="status">
      {count}
    </span>
  );
});
