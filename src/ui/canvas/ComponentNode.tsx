import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useAppStore } from '../store/StoreContext';
import { componentsById } from '../store/selectors';
import { FindingBadge } from '../threats/FindingBadge';
import type { ComponentNodeType } from './projectDocument';

/** A component on the canvas: icon, label, type and its open-findings badge. */
function ComponentNodeView({ id, selected }: NodeProps<ComponentNodeType>) {
  const label = useAppStore((s) => componentsById(s.document).get(id)?.label ?? '');
  const typeId = useAppStore((s) => componentsById(s.document).get(id)?.type ?? '');
  const type = useAppStore((s) => s.library.catalogue.types.get(typeId));
  return (
    <div className={`component-node${selected ? ' is-selected' : ''}`} data-component-id={id}>
      <Handle
        type="target"
        position={Position.Left}
        className="handle"
        // Drag targets for the mouse only (keyboard users connect flows from the inspector and
        // outline): hidden from assistive technology rather than labelled, since an aria-label on
        // a role-less div is not announced and is invalid ARIA.
        aria-hidden="true"
      />
      <span className="component-icon" aria-hidden="true">
        {type?.icon ?? '⚙️'}
      </span>
      <span className="component-text">
        <span className="component-label">{label || id}</span>
        <span className="component-type">{type?.label ?? typeId}</span>
      </span>
      <FindingBadge id={id} />
      <Handle type="source" position={Position.Right} className="handle" aria-hidden="true" />
    </div>
  );
}

export const ComponentNode = memo(ComponentNodeView);
