import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useAppStore } from '../store/StoreContext';
import { flowsById, selectOpenCount, selectTopSeverity } from '../store/selectors';
import type { FlowEdgeType } from './projectDocument';

const CHAR_WIDTH = 6.2;

/**
 * A directed data flow with its label and open-findings badge drawn in SVG at the midpoint. Not
 * EdgeLabelRenderer: its portal lookup runs on every canvas update for every edge, which costs
 * whole frames on models with thousands of flows.
 */
function FlowEdgeView({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  markerEnd,
  selected,
  data,
}: EdgeProps<FlowEdgeType>) {
  const own = useAppStore((s) => flowsById(s.document).get(id)?.label ?? '');
  // A bundle of parallel flows (projectEdges) says how many it stands for.
  const label = data?.bundled ? `${data.bundled.toLocaleString('en')} flows` : own;
  const openCount = useAppStore(selectOpenCount(id));
  const severity = useAppStore(selectTopSeverity(id));
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  const text = label.length > 28 ? `${label.slice(0, 27)}…` : label;
  const width = text ? text.length * CHAR_WIDTH + 12 : 0;
  const badge = openCount > 0 && severity ? `${openCount}` : '';
  const badgeWidth = badge ? Math.max(18, badge.length * 7 + 10) : 0;
  const total = width + (text && badge ? 4 : 0) + badgeWidth;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={selected ? 'flow-path is-selected' : 'flow-path'}
        interactionWidth={16}
      />
      {total > 0 && (
        <g
          className={`flow-label${selected ? ' is-selected' : ''}`}
          transform={`translate(${labelX - total / 2}, ${labelY - 9})`}
          data-flow-id={id}
        >
          {text && (
            <>
              <rect className="flow-label-bg" width={width} height={18} rx={9} />
              <text className="flow-label-text" x={width / 2} y={12.5} textAnchor="middle">
                {text}
              </text>
            </>
          )}
          {badge && (
            <g className={`sev-${severity}`} transform={`translate(${total - badgeWidth}, 0)`}>
              <title>{`${openCount} open finding${openCount === 1 ? '' : 's'}, highest severity ${severity}`}</title>
              <rect className="flow-badge" width={badgeWidth} height={18} rx={9} />
              <text className="flow-badge-text" x={badgeWidth / 2} y={12.5} textAnchor="middle">
                {badge}
              </text>
            </g>
          )}
        </g>
      )}
    </>
  );
}

export const FlowEdge = memo(FlowEdgeView);
