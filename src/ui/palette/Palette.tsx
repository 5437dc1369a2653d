import { useId, useMemo, useState, type DragEvent } from 'react';
import {
  CATEGORIES,
  centredAt,
  COMPONENT_SIZE,
  DEFAULT_BOUNDARY_SIZE,
  freeSpot,
  type ComponentType,
  type Size,
} from '../../core';
import { BoundaryIcon, ComponentIcon } from '../canvas/componentIcons';
import { DrawBoundaryButton } from '../canvas/DrawBoundaryButton';
import { PALETTE_BOUNDARY, PALETTE_MIME } from '../canvas/paletteDrag';
import { PALETTE_SEARCH_ID } from '../layout/focusTargets';
import { addBoundaryInFreeSpace, addComponentOfType } from '../store/elementActions';
import { useAppStore, useServices } from '../store/StoreContext';

export const CATEGORY_LABELS: Record<(typeof CATEGORIES)[number], string> = {
  data: 'Data',
  training: 'Training',
  models: 'Models',
  serving: 'Serving',
  agents: 'Agents',
  operations: 'Operations',
  generic: 'Generic',
};

function matches(type: ComponentType, query: string): boolean {
  const q = query.trim().toLowerCase();
  return q === '' || [type.label, type.id, type.description].some((text) => text.toLowerCase().includes(q));
}

/**
 * The catalogue's component types grouped by lifecycle stage. Click adds at the centre of the
 * view; drag drops where the pointer is (into a trust boundary if it lands on one).
 */
export function Palette() {
  const { store, canvas } = useServices();
  const types = useAppStore((s) => s.library.componentTypes);
  const [query, setQuery] = useState('');
  const searchId = useId();
  const groups = useMemo(
    () =>
      CATEGORIES.map((category) => ({
        category,
        types: types.filter((t) => t.category === category && matches(t, query)),
      })).filter((g) => g.types.length > 0),
    [types, query],
  );

  const centre = (size: Size) => centredAt(canvas.current?.viewportCenter() ?? { x: 240, y: 160 }, size);
  const onDragStart = (event: DragEvent, typeId: string) => {
    event.dataTransfer.setData(PALETTE_MIME, typeId);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <nav className="palette" aria-label="Component palette">
      <label htmlFor={PALETTE_SEARCH_ID} className="visually-hidden">
        Search components
      </label>
      <input
        id={PALETTE_SEARCH_ID}
        type="search"
        className="palette-search"
        placeholder="Search components…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          // Enter adds the first match, so a component can be added without leaving the keyboard.
          const first = groups[0]?.types[0];
          if (e.key !== 'Enter' || query.trim() === '' || !first) return;
          e.preventDefault();
          addComponentOfType(store, first.id, freeSpot(store.getState().document, centre(COMPONENT_SIZE)));
        }}
        aria-describedby={`${searchId}-hint`}
      />
      <span id={`${searchId}-hint`} className="visually-hidden">
        Enter adds the first match.
      </span>
      <button
        type="button"
        className="palette-item palette-boundary"
        draggable
        onDragStart={(e) => onDragStart(e, PALETTE_BOUNDARY)}
        onClick={() => addBoundaryInFreeSpace(store, centre(DEFAULT_BOUNDARY_SIZE))}
        title="A zone of trust that components sit in: click to add in free space, drag to drop it around what it holds"
      >
        <BoundaryIcon className="palette-icon" />
        Trust boundary
      </button>
      <DrawBoundaryButton />
      {groups.map(({ category, types: list }) => (
        <section key={category} className="palette-group" aria-labelledby={`${searchId}-${category}`}>
          <h3 id={`${searchId}-${category}`}>{CATEGORY_LABELS[category]}</h3>
          <ul>
            {list.map((type) => (
              <li key={type.id}>
                <button
                  type="button"
                  className="palette-item"
                  draggable
                  onDragStart={(e) => onDragStart(e, type.id)}
                  onClick={() =>
                    addComponentOfType(
                      store,
                      type.id,
                      freeSpot(store.getState().document, centre(COMPONENT_SIZE)),
                    )
                  }
                  title={type.description}
                  aria-label={`Add ${type.label}`}
                  data-type-id={type.id}
                >
                  <ComponentIcon typeId={type.id} className="palette-icon" size={16} />
                  {type.label}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {groups.length === 0 && <p className="muted">No component type matches “{query}”.</p>}
    </nav>
  );
}
