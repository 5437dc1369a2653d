import {
  BaseEdge,
  getSmoothStepPath,
  Position,
  useInternalNode,
  type EdgeProps,
  type InternalNode,
} from '@xyflow/react';
import { memo } from 'react';
import { COMPONENT_SIZE } from '../../core';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/StoreContext';
import { flowView } from './elementViews';
import { flowMarkerEnd } from './FlowMarkers';
import { floatingEdgeEnds, type Rect, type Side } from './edgeGeometry';
import { labelCandidates, labelText, labelWidth } from './labelPlacement';
import { useLabelSlot } from './labelSlots';
import { edgeLabel } from './edgeLayouts';
import type { FlowEdgeType } from './projectDocument';

const SINGLE_LANE = { index: 0, count: 1 };

const POSITION: Record<Side, Position> = {
  top: Position.Top,
  right: Position.Right,
  bottom: Position.Bottom,
  left: Position.Left,
};

/** A node's rectangle in flow coordinates (a node not measured yet has the default size). */
function rectOf(node: InternalNode): Rect {
  const { x, y } = node.internals.positionAbsolute;
  return {
    x,
    y,
    width: node.measured.width ?? COMPONENT_SIZE.width,
    height: node.measured.height ?? COMPONENT_SIZE.height,
  };
}

/**
 * A directed data flow: a floating smooth-step path between the facing sides of its components
 * (see edgeGeometry), its label and open-findings badge drawn in SVG at the route's midpoint. Not
 * EdgeLabelRenderer: its portal lookup runs on every canvas update for every edge, which costs
 * whole frames on models with thousands of flows.
 */
function FlowEdgeView({ id, source, target, selected, data }: EdgeProps<FlowEdgeType>) {
  const sourceNode = useInternalNode(source);
  const targetNode = useInternalNode(target);
  // One subscription for all it shows (elementViews.ts).
  const { label: own, open: openCount, severity } = useAppStore(useShallow(flowView(id)));
  // A bundle of parallel flows (projectEdges) says how many it stands for.
  const label = edgeLabel(own, data?.bundled);
  // The spot placeLabels found free (labelSlots.ts); a label without one shows on hover or selection.
  const slot = useLabelSlot(id);
  if (!sourceNode || !targetNode) return null;
  const lane = data?.lane ?? SINGLE_LANE;
  const ends = floatingEdgeEnds(rectOf(sourceNode), rectOf(targetNode), lane);
  const [path] = getSmoothStepPath({
    sourceX: ends.source.x,
    sourceY: ends.source.y,
    sourcePosition: POSITION[ends.sourceSide],
    targetX: ends.target.x,
    targetY: ends.target.y,
    targetPosition: POSITION[ends.targetSide],
    borderRadius: 10,
    offset: 18,
  });
  const spots = labelCandidates(ends);
  const at = spots[slot ?? 0] ?? spots[0]!;
  const text = labelText(label, !!selected);
  const width = labelWidth(text);
  const badge = openCount > 0 && severity ? `${openCount}` : '';
  const badgeWidth = badge ? Math.max(18, badge.length * 7 + 10) : 0;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={flowMarkerEnd(!!selected)}
        className={selected ? 'flow-path is-selected' : 'flow-path'}
        interactionWidth={16}
      />
      {(text || badge) && (
        // The label is centred on its spot; the badge sits to its right, and stays when the
        // label is hidden (far out, or crowded: canvas.css).
        <g
          className={`flow-label${selected ? ' is-selected' : ''}`}
          transform={`translate(${at.x}, ${at.y - 9})`}
          data-flow-id={id}
        >
          {text && (
            <g
              className={slot === null ? 'flow-label-pill is-crowded' : 'flow-label-pill'}
              transform={`translate(${-width / 2}, 0)`}
            >
              <title>{label}</title>
              <rect className="flow-label-bg" width={width} height={18} rx={9} />
              <text className="flow-label-text" x={width / 2} y={12.5} textAnchor="middle">
                {text}
              </text>
            </g>
          )}
          {badge && (
            <g
              className={`sev-${severity}`}
              transform={`translate(${text ? width / 2 + 4 : -badgeWidth / 2}, 0)`}
            >
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
