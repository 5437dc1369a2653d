import { NodeResizer, type NodeProps, type ResizeParams } from '@xyflow/react';
import { memo, useCallback } from 'react';
import { positionOf, resizeBoundary } from '../../core';
import { useAppStore, useStoreApi } from '../store/StoreContext';
import { boundariesById } from '../store/selectors';
import { useShallow } from 'zustand/react/shallow';
import { FindingBadgeView } from '../threats/FindingBadge';
import { boundaryView } from './elementViews';
import type { BoundaryNodeType } from './projectDocument';

/** A trust boundary: a resizable group; dragged by its header so its inside stays a drop zone. */
function BoundaryNodeView({ id, selected }: NodeProps<BoundaryNodeType>) {
  const store = useStoreApi();
  // One subscription for all it shows (elementViews.ts).
  const { label, zone, open, severity } = useAppStore(useShallow(boundaryView(id)));
  const onResizeEnd = useCallback(
    (_: unknown, p: ResizeParams) => {
      // One change: the new rectangle, and membership of whatever it now covers or left.
      store.getState().change((doc) => {
        const boundary = boundariesById(doc).get(id);
        if (!boundary) return doc;
        const parent = boundary.parentId ? boundariesById(doc).get(boundary.parentId) : undefined;
        const origin = parent ? positionOf(parent) : { x: 0, y: 0 };
        return resizeBoundary(doc, id, {
          x: Math.round(origin.x + p.x),
          y: Math.round(origin.y + p.y),
          width: Math.round(p.width),
          height: Math.round(p.height),
        });
      });
    },
    [store, id],
  );
  return (
    <>
      <NodeResizer
        isVisible={selected}
        minWidth={160}
        minHeight={96}
        onResizeEnd={onResizeEnd}
        lineClassName="boundary-resize-line"
        handleClassName="boundary-resize-handle"
      />
      <div className={`boundary-node zone-${zone}${selected ? ' is-selected' : ''}`} data-boundary-id={id}>
        <div className="boundary-header boundary-drag">
          <span className="boundary-label">{label || id}</span>
          <span className="zone-tag">{zone}</span>
          <FindingBadgeView count={open} severity={severity} />
        </div>
      </div>
    </>
  );
}

export const BoundaryNode = memo(BoundaryNodeView);
