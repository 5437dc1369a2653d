import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/StoreContext';
import { FindingBadgeView } from '../threats/FindingBadge';
import { ComponentIcon } from './componentIcons';
import { componentView } from './elementViews';
import { componentNameId, type ComponentNodeType } from './projectDocument';
import '../styles/canvas.css';

/**
 * A connection point on every side: a flow can be drawn from whichever side faces its target.
 * The canvas connects in loose mode, so each is a "source" and the flow runs from the node the
 * drag started on; where a drawn flow attaches is decided by its geometry (see FlowEdge).
 */
const SIDES = [Position.Top, Position.Right, Position.Bottom, Position.Left] as const;

/** A component on the canvas: icon, label (up to two lines), type and its open-findings badge. */
function ComponentNodeView({ id, selected }: NodeProps<ComponentNodeType>) {
  // One subscription for all it shows (elementViews.ts).
  const { label, typeId, typeLabel, outOfScope, open, severity } = useAppStore(useShallow(componentView(id)));
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
        <span className="component-type">{typeLabel}</span>
      </span>
      <FindingBadgeView count={open} severity={severity} />
      <span id={componentNameId(id)} className="visually-hidden">
        {shown} ({typeId})
      </span>
    </div>
  );
}

export const ComponentNode = memo(ComponentNodeView);
