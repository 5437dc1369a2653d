import { memo, useId } from 'react';
import { flowName, type ThreatModelDocument } from '../../core';
import { useAppStore, useStoreApi } from '../store/StoreContext';
import { boundariesById, componentsById, elementName, flowsById } from '../store/selectors';
import { FindingBadge } from '../threats/FindingBadge';
import type { OutlineItemRow } from './outlineRows';

type ItemKind = OutlineItemRow['kind'];

const GLYPH: Record<ItemKind, string> = { boundary: '⬚', component: '▣', flow: '→' };

/** The text of one row; the id while the element is gone (a row about to be removed). */
export function itemLabel(doc: ThreatModelDocument, kind: ItemKind, id: string): string {
  switch (kind) {
    case 'boundary': {
      const b = boundariesById(doc).get(id);
      return b ? `${b.label || b.id} (${b.zone})` : id;
    }
    case 'component': {
      const c = componentsById(doc).get(id);
      return c ? c.label || c.id : id;
    }
    case 'flow': {
      const f = flowsById(doc).get(id);
      return f ? flowName(f, (end) => elementName(doc, end), { withLabel: true }) : id;
    }
  }
}

/**
 * One element of the outline. Its label is read from the store here (a string, so the row
 * renders again only when its own text changes); whether it is selected comes from the outline
 * (one Set for all rows), so a selection change re-renders only the rows whose state changed.
 *
 * A narrow panel cuts a long label with an ellipsis, so the full label is the button's name (what
 * a screen reader says), its tooltip on hover, and shown wrapped while the row has keyboard focus
 * (see outline.css). The open-findings badge sits beside the button, drawn over its end, and
 * describes it: inside, its count would lengthen the name, and an `aria-label` naming the button
 * by the label alone would no longer contain its visible text (WCAG 2.5.3, label in name).
 */
export const OutlineItem = memo(function OutlineItem({
  id,
  kind,
  selected,
}: {
  id: string;
  kind: ItemKind;
  selected: boolean;
}) {
  const store = useStoreApi();
  const findingsId = useId();
  const label = useAppStore((s) => itemLabel(s.document, kind, id));
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
          {GLYPH[kind]}
        </span>
        <span className="outline-label">{label}</span>
      </button>
      <span id={findingsId} className="outline-findings">
        <FindingBadge id={id} />
      </span>
    </div>
  );
});
