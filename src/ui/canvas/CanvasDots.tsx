import { useStore, useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useId, useLayoutEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import '../styles/canvasDots.css';

/**
 * Where the dot layer sits for a view: shifted by the view's offset modulo one (scaled) gap, less
 * a whole gap, so it always covers the pane. The dots then fall where React Flow's Background
 * puts them (its pattern at `x % gap`, moved back half a gap).
 */
export function dotsShift(tx: number, ty: number, gap: number): { x: number; y: number } {
  const wrap = (v: number) => ((v % gap) + gap) % gap;
  return { x: wrap(tx) - gap, y: wrap(ty) - gap };
}

const shiftOf = (s: ReactFlowState, gap: number) => {
  const scaled = gap * s.transform[2] || 1;
  const { x, y } = dotsShift(s.transform[0], s.transform[1], scaled);
  // Whole pixels: a layer moved by a fraction of one is resampled, and dots a pixel wide fade.
  return `translate3d(${Math.round(x)}px, ${Math.round(y)}px, 0)`;
};

/**
 * The canvas's dot grid, drawn as React Flow's `<Background variant="dots">` draws it, but on a
 * layer of its own that a pan only moves. React Flow's moves its pattern's origin on every frame
 * of a pan, so the whole pane's dots were rasterised again each frame (in a trace of a pan, the
 * dots were about half of what was rasterised). Here the dots are drawn again only when the zoom
 * or the pane's size changes; the offset is set on the layer's transform, outside React.
 */
export function CanvasDots({ gap, size }: { gap: number; size: number }) {
  const store = useStoreApi();
  const layer = useRef<SVGSVGElement>(null);
  const patternId = `canvas-dots-${useId()}`;
  const [zoom, width, height] = useStore(useShallow((s) => [s.transform[2], s.width, s.height] as const));
  const scaledGap = gap * zoom || 1;
  const radius = (size * zoom) / 2;

  useLayoutEffect(() => {
    const element = layer.current;
    if (!element) return;
    let shown = '';
    const follow = (s: ReactFlowState) => {
      const shift = shiftOf(s, gap);
      if (shift === shown) return;
      shown = shift;
      element.style.transform = shift;
    };
    follow(store.getState());
    return store.subscribe(follow);
  }, [store, gap]);

  return (
    <div className="react-flow__background canvas-dots" aria-hidden="true" data-testid="rf__background">
      <svg
        ref={layer}
        className="canvas-dots-layer"
        width={width + 2 * scaledGap}
        height={height + 2 * scaledGap}
      >
        <pattern
          id={patternId}
          x={0}
          y={0}
          width={scaledGap}
          height={scaledGap}
          patternUnits="userSpaceOnUse"
          patternTransform={`translate(-${scaledGap / 2},-${scaledGap / 2})`}
        >
          <circle cx={radius} cy={radius} r={radius} className="react-flow__background-pattern dots" />
        </pattern>
        <rect x="0" y="0" width="100%" height="100%" fill={`url(#${patternId})`} />
      </svg>
    </div>
  );
}
