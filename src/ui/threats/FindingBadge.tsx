import { memo } from 'react';
import { useAppStore } from '../store/StoreContext';
import { selectOpenCount, selectTopSeverity } from '../store/selectors';
import type { Severity } from '../../core';

/**
 * Open findings on one element, coloured by the highest severity. Subscribes to two primitives,
 * so it re-renders only when this element's count or severity changes.
 */
export const FindingBadge = memo(function FindingBadge({ id }: { id: string }) {
  const count = useAppStore(selectOpenCount(id));
  const severity = useAppStore(selectTopSeverity(id));
  return <FindingBadgeView count={count} severity={severity} />;
});

/** The badge itself, for a view that already reads the count and severity (canvas nodes). */
export function FindingBadgeView({ count, severity }: { count: number; severity: Severity | null }) {
  if (count === 0 || severity === null) return null;
  const text = `${count} open finding${count === 1 ? '' : 's'}, highest severity ${severity}`;
  return (
    <span className={`badge sev-${severity}`} title={text} aria-label={text} role="status">
      {count}
    </span>
  );
}
