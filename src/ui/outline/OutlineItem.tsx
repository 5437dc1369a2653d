import { memo } from 'react';
import { useStoreApi } from '../store/StoreContext';
import { FindingBadge } from '../threats/FindingBadge';

/**
 * One element of the outline. Whether it is selected comes from the outline (one Set for all
 * rows), so a selection change re-renders only the rows whose state changed.
 */
export const OutlineItem = memo(function OutlineItem({
  id,
  label,
  kind,
  selected,
}: {
  id: string;
  label: string;
  kind: string;
  selected: boolean;
}) {
  const store = useStoreApi();
  const choose = () => {
    store.getState().select([id]);
    store.getState().focus(id);
  };
  return (
    <button
      type="button"
      className={`outline-item${selected ? ' is-selected' : ''}`}
      aria-pressed={selected}
      onClick={choose}
      data-outline-id={id}
    >
      <span className="outline-kind" aria-hidden="true">
        {kind}
      </span>
      <span className="outline-label">{label}</span>
      <FindingBadge id={id} />
    </button>
  );
});
