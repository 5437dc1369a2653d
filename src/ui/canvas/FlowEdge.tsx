import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useAppStore, useStoreApi } from '../store/StoreContext';
import { flowsById, selectOpenCount } from '../store/selectors';
import { FindingBadge } from '../threats/FindingBadge';
import type { FlowEdgeType } from './projectDocument';

/** A directed data flow with its label and open-findings badge at the midpoint. */
function FlowEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, selected }: EdgeProps<FlowEdgeType>) {
  const store = useStoreApi();
  const label = useAppStore((s) => flowsById(s.document).get(id)?.label ?? '');
  const openCount = useAppStore(selectOpenCount(id));
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={selected ? 'flow-path is-selected' : 'flow-path'} interactionWidth={16} />
      {(label !== '' || openCount > 0) && (
        <EdgeLabelRenderer>
          <div
            className={`flow-label nodrag nopan${selected ? ' is-selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            onClick={() => store.getState().select([id])}
            data-flow-id={id}
          >
            {label && <span>{label}</span>}
            <FindingBadge id={id} />
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const FlowEdge = memo(FlowEdgeView);
