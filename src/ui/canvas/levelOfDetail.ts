import { useStore as useFlowStore } from '@xyflow/react';
import type { CSSProperties } from 'react';

/** Below this zoom flow labels (not their badges) are hidden until hovered or selected: they would collide. */
export const LABEL_ZOOM = 0.6;
/**
 * Below this zoom a node drops its type line and handles and draws its icon and a one-line label
 * in a font scaled against the zoom, so it stays legible. Cheap on purpose: painting thousands of
 * detailed nodes far out costs frames.
 */
export const COMPACT_ZOOM = 0.5;

/** Font sizes (flow units) of a compact node's label, by zoom: about 8–12 screen pixels. */
const COMPACT_FONTS: readonly { below: number; font: number }[] = [
  { below: 0.25, font: 40 },
  { below: 0.35, font: 32 },
  { below: COMPACT_ZOOM, font: 24 },
];

export type Detail = { kind: 'full' } | { kind: 'far' } | { kind: 'compact'; font: number };

/** The level of detail for a zoom: a few steps, so the canvas re-renders only when one is crossed. */
export function detailAt(zoom: number): Detail {
  if (zoom >= LABEL_ZOOM) return { kind: 'full' };
  if (zoom >= COMPACT_ZOOM) return { kind: 'far' };
  const font = COMPACT_FONTS.find((step) => zoom < step.below)!.font;
  return { kind: 'compact', font };
}

const FULL = { className: 'canvas', style: undefined };

/** The canvas wrapper's class and style for the current zoom (image export renders from the document, not the canvas). */
export function useLevelOfDetail(): {
  className: string;
  style: CSSProperties | undefined;
} {
  // A string, so the selector's result compares equal between frames of one level.
  const level = useFlowStore((s) => {
    const detail = detailAt(s.transform[2]);
    return detail.kind === 'compact' ? `compact:${detail.font}` : detail.kind;
  });
  if (level === 'full') return FULL;
  if (level === 'far') return { className: 'canvas is-far', style: undefined };
  const font = Number(level.slice('compact:'.length));
  return { className: 'canvas is-far is-compact', style: { ['--compact-font' as string]: `${font}px` } };
}
