// @vitest-environment jsdom
import { ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { render, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CanvasMinimap } from '../../../src/ui/canvas/CanvasMinimap';
import { projectNodes } from '../../../src/ui/canvas/projectDocument';
import { boundary, component, model } from '../../support/modelBuilders';
import { installBrowserShims } from '../helpers/renderApp';

installBrowserShims();

const at = (x: number, y: number) => ({ position: { x, y } });

describe('the canvas minimap', () => {
  it('draws every component as one path and every boundary as another, at absolute places', () => {
    const doc = model({
      trustBoundaries: [
        boundary('tb', 'internal', undefined, { ...at(100, 50), size: { width: 500, height: 300 } }),
      ],
      components: [
        component('a', 'user', {}, undefined, at(0, 0)),
        component('b', 'llm-app', {}, 'tb', at(200, 100)),
        ...Array.from({ length: 300 }, (_, i) =>
          component(`c${i}`, 'llm', {}, undefined, at(800 + i * 200, 0)),
        ),
      ],
    });
    const { container } = render(
      <ReactFlowProvider>
        <div style={{ width: 800, height: 600 }}>
          <ReactFlow nodes={projectNodes(doc, new Set(), [])} edges={[]}>
            <CanvasMinimap ariaLabel="Minimap" />
          </ReactFlow>
        </div>
      </ReactFlowProvider>,
    );
    const minimap = container.querySelector('.react-flow__minimap svg')!;
    expect(minimap.getAttribute('aria-label')).toBe('Minimap');
    // Three paths, whatever the number of nodes: boundaries, components, the viewport mask.
    expect(minimap.querySelectorAll('path')).toHaveLength(3);
    const components = minimap.querySelector('.canvas-minimap-components')!.getAttribute('d')!;
    const boundaries = minimap.querySelector('.canvas-minimap-boundaries')!.getAttribute('d')!;
    expect(components.match(/M/g)).toHaveLength(302);
    expect(boundaries).toBe('M100,50h500v300h-500z');
    // b sits in the boundary: drawn at its absolute place, not the one relative to the boundary.
    expect(components).toContain('M200,100h184v64h-184z');
    expect(components).toContain('M0,0h184v64h-184z');
  });

  it('draws a moved component at its new place after the next frame, not in the frame of the change', async () => {
    const before = model({ components: [component('a', 'user', {}, undefined, at(0, 0))] });
    const after = model({ components: [component('a', 'user', {}, undefined, at(400, 40))] });
    const view = (doc: typeof before) => (
      <ReactFlowProvider>
        <div style={{ width: 800, height: 600 }}>
          <ReactFlow nodes={projectNodes(doc, new Set(), [])} edges={[]}>
            <CanvasMinimap ariaLabel="Minimap" />
          </ReactFlow>
        </div>
      </ReactFlowProvider>
    );
    const { container, rerender } = render(view(before));
    const drawnPath = () => container.querySelector('.canvas-minimap-components')!.getAttribute('d');
    expect(drawnPath()).toBe('M0,0h184v64h-184z');
    rerender(view(after));
    expect(drawnPath()).toBe('M0,0h184v64h-184z');
    await waitFor(() => expect(drawnPath()).toBe('M400,40h184v64h-184z'));
  });
});
