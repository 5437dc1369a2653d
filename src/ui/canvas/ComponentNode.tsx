import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useAppStore } from '../store/StoreContext';
import { componentsById } from '../store/selectors';
import { FindingBadge } from '../threats/FindingBadge';
import { ComponentIcon } from './componentIcons';
import type { ComponentNodeType } from './projectDocument';
import '../styles/canvas.css';

/**
 * A connection point on every side: a flow can be drawn from whichever side faces its target.
 * The canvas connects in loose mode, so each is a "source" and the flow runs from the node the
 * drag started on; where a drawn flow attaches is decided by its geometry (see FlowEdge).
 */
const SIDES = [Position.Top, Position.Right, Position.Bottom, Position.Left] as const;

/** A component on the canvas: icon, label (up to two lines), type and its open-findings badge. */
function ComponentNodeView({ id, selected }: NodeProps<ComponentNodeType>) {
  const label = useAppStore((s) => componentsById(s.document).get(id)?.label ?? '');
  const typeId = useAppStore((s) => componentsById(s.document).get(id)?.type ?? '');
  const type = useAppStore((s) => s.library.catalogue.types.get(typeId));
  // Out of scope: drawn faded and dashed, so the room sees what it decided not to treat.
  const outOfScope = useAppStore((s) => componentsById(s.document).get(id)?.outOfScope !== undefined);
  const shown = label || id;
  return (
    <div
      className={`component-node${selected ? ' is-selected' : ''}${outOfScope ? ' is-out-of-scope' : ''}`}
      data-component-id={id}
      title={outOfScope ? 'Out of scope: its findings are not counted' : undefined}
    >
      {SIDES.map((side) => (
        <Handle
          key={side}
          id={side}
          type="source"
          position={side}
          className="handle"
          // Drag targets for the mouse only (keyboard users connect flows from the inspector and
          // outline): hidden from assistive technology rather than labelled, since an aria-label on
          // a role-less div is not announced and is invalid ARIA.
          aria-hidden="true"
        />
      ))}
      <ComponentIcon typeId={typeId} className="component-icon" />
      <span className="component-text">
        <span className="component-label" title={shown}>
          {shown}
        </span>
        <span className="component-type">{type?.label ?? typeId}</span>
      </span>
      <FindingBadge id={id} />
    </div>
  );
}

export const ComponentNode = memo(ComponentNodeView);
