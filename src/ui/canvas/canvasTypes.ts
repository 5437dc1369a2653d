import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { BoundaryNode } from './BoundaryNode';
import { ComponentNode } from './ComponentNode';
import { FlowEdge } from './FlowEdge';

/** Module scope: React Flow remounts every node when these objects change identity. */
export const nodeTypes: NodeTypes = { component: ComponentNode, boundary: BoundaryNode };
export const edgeTypes: EdgeTypes = { flow: FlowEdge };
