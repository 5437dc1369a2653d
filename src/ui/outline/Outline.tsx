import { useMemo } from 'react';
import { flowName, type Component, type TrustBoundary } from '../../core';
import { useAppStore, useStoreApi } from '../store/StoreContext';
import { elementName } from '../store/selectors';
import { FindingBadge } from '../threats/FindingBadge';

/**
 * At most this many flows are listed: each item subscribes to the store, and a valid model may
 * hold a hundred thousand flows. The rest are counted.
 */
const MAX_LISTED_FLOWS = 1000;

function OutlineItem({ id, label, kind }: { id: string; label: string; kind: string }) {
  const store = useStoreApi();
  const selected = useAppStore((s) => s.selection.includes(id));
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
    >
      <span className="outline-kind" aria-hidden="true">
        {kind}
      </span>
      <span className="outline-label">{label}</span>
      <FindingBadge id={id} />
    </button>
  );
}

function BoundaryBranch({
  boundary,
  tree,
}: {
  boundary: TrustBoundary;
  tree: Map<string | null, { boundaries: TrustBoundary[]; components: Component[] }>;
}) {
  const own = tree.get(boundary.id);
  return (
    <li>
      <OutlineItem id={boundary.id} label={`${boundary.label || boundary.id} (${boundary.zone})`} kind="⬚" />
      {own && (own.boundaries.length > 0 || own.components.length > 0) && (
        <ul>
          {own.boundaries.map((b) => (
            <BoundaryBranch key={b.id} boundary={b} tree={tree} />
          ))}
          {own.components.map((c) => (
            <li key={c.id}>
              <OutlineItem id={c.id} label={c.label || c.id} kind="▣" />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The model as lists — boundaries with what they contain, and flows — for people who cannot use the canvas. */
export function Outline() {
  const doc = useAppStore((s) => s.document);
  const tree = useMemo(() => {
    const map = new Map<string | null, { boundaries: TrustBoundary[]; components: Component[] }>();
    const at = (id: string | null) => map.get(id) ?? map.set(id, { boundaries: [], components: [] }).get(id)!;
    for (const b of doc.trustBoundaries) at(b.parentId ?? null).boundaries.push(b);
    for (const c of doc.components) at(c.boundaryId ?? null).components.push(c);
    return map;
  }, [doc.trustBoundaries, doc.components]);
  const top = tree.get(null);
  return (
    <nav className="outline" aria-label="Model outline">
      <h2 className="visually-hidden">Outline</h2>
      <h3>Components and boundaries</h3>
      {doc.components.length === 0 && doc.trustBoundaries.length === 0 && (
        <p className="muted small">The model is empty.</p>
      )}
      <ul className="outline-tree">
        {top?.boundaries.map((b) => (
          <BoundaryBranch key={b.id} boundary={b} tree={tree} />
        ))}
        {top?.components.map((c) => (
          <li key={c.id}>
            <OutlineItem id={c.id} label={c.label || c.id} kind="▣" />
          </li>
        ))}
      </ul>
      <h3>Data flows</h3>
      {doc.dataFlows.length === 0 && <p className="muted small">No data flows yet.</p>}
      <ul className="outline-tree">
        {doc.dataFlows.slice(0, MAX_LISTED_FLOWS).map((f) => (
          <li key={f.id}>
            <OutlineItem
              id={f.id}
              label={flowName(f, (id) => elementName(doc, id), { withLabel: true })}
              kind="→"
            />
          </li>
        ))}
      </ul>
      {doc.dataFlows.length > MAX_LISTED_FLOWS && (
        <p className="muted small">
          and {(doc.dataFlows.length - MAX_LISTED_FLOWS).toLocaleString('en')} more data flows, too many to
          list here.
        </p>
      )}
    </nav>
  );
}
