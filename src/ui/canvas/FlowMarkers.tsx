/**
 * The canvas's two arrowheads, defined once: closed arrows in the flow's own colour (var(--edge))
 * and, for a selected flow, the accent colour, in either theme. React Flow's default marker is a
 * fixed grey; handing it a marker object per edge instead made it work out a marker id for each of
 * thousands of flows every time the edge list changed (a selection, a drop). FlowEdge points its
 * path at one of these by id.
 */
const PLAIN_ID = 'aitm-flow-arrow';
const SELECTED_ID = 'aitm-flow-arrow-selected';

/** The `marker-end` of a flow's path. */
export const flowMarkerEnd = (selected: boolean): string => `url('#${selected ? SELECTED_ID : PLAIN_ID}')`;

/** As React Flow draws its closed arrow (its MarkerType.ArrowClosed at 18 × 18), in a colour of ours. */
function Arrow({ id, color }: { id: string; color: string }) {
  return (
    <marker
      className="react-flow__arrowhead"
      id={id}
      markerWidth="18"
      markerHeight="18"
      viewBox="-10 -10 20 20"
      markerUnits="strokeWidth"
      orient="auto-start-reverse"
      refX="0"
      refY="0"
    >
      <polyline
        className="arrowclosed"
        style={{ stroke: color, fill: color, strokeWidth: 1 }}
        strokeLinecap="round"
        strokeLinejoin="round"
        points="-5,-4 0,0 -5,4 -5,-4"
      />
    </marker>
  );
}

/** The definitions, drawn nowhere themselves (a zero-size SVG the paths refer to). */
export function FlowMarkers() {
  return (
    <svg className="flow-markers" aria-hidden="true" width="0" height="0" style={{ position: 'absolute' }}>
      <defs>
        <Arrow id={PLAIN_ID} color="var(--edge)" />
        <Arrow id={SELECTED_ID} color="var(--accent)" />
      </defs>
    </svg>
  );
}
