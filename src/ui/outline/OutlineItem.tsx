import { memo, useId } from 'react';
import { useStoreApi } from '../store/StoreContext';
import { FindingBadge } from '../threats/FindingBadge';

/**
 * One element of the outline. Whether it is selected comes from the outline (one Set for all
 * rows), so a selection change re-renders only the rows whose state changed.
 *
 * A narrow panel cuts a long label with an ellipsis, so the full label is the button's name (what
 * a screen reader says), its tooltip on hover, and shown wrapped while the row has keyboard focus
 * (see outline.css). The open-findings badge sits beside the button, drawn over its end, and
 * describes it: inside, its count would lengthen the name, and an `aria-label` naming the button
 * by the label alone would no longer contain its visible text (WCAG 2.5.3, label in name).
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
  const findingsId = useId();
  const choose = () => {
    store.getState().select([id]);
    store.getState().focus(id);
  };
  return (
    <div className="outline-entry">
      <button
        type="button"
        className={`outline-item${selected ? ' is-selected' : ''}`}
        aria-pressed={selected}
        aria-describedby={findingsId}
        title={label}
        onClick={choose}
        data-outline-id={id}
      >
        <span className="outline-kind" aria-hidden="true">
          {kind}
        </span>
        <span className="outline-label">{label}</span>
      </button>
      <span id={findingsId} className="outline-findings">
        <FindingBadge id={id} />
      </span>
    </div>
  );
});
