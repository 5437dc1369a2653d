import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { ThreatModelDocument } from '../../core';
import type { EdgeLayouts } from './edgeLayouts';

/**
 * Where each drawn flow's label goes (the spot placeLabels found free, null for hidden until
 * hovered), kept beside React Flow's edges rather than in them. A drop places the labels of the
 * moved components' flows again; in the edges' data that made a new edge list, and React Flow
 * rebuilt its edge and connection lookups over every flow on the frame of the drop. Here only the
 * flows whose spot changed are told, and their edges draw again.
 */
export interface LabelSlots {
  /** The spot of a drawn flow's label; undefined for a flow not drawn. */
  get(id: string): number | null | undefined;
  subscribe(id: string, listener: () => void): () => void;
  /** Takes the spots of `layouts` (of `doc`) and tells the flows whose spot changed. */
  publish(layouts: EdgeLayouts, doc: ThreatModelDocument): void;
}

function slotsOf(layouts: EdgeLayouts, doc: ThreatModelDocument): Map<string, number | null> {
  const slots = new Map<string, number | null>();
  layouts.drawn.forEach(({ index }, i) => {
    const flow = doc.dataFlows[index];
    if (flow) slots.set(flow.id, layouts.slots[i] ?? null);
  });
  return slots;
}

export function createLabelSlots(layouts: EdgeLayouts, doc: ThreatModelDocument): LabelSlots {
  let slots = slotsOf(layouts, doc);
  let from = layouts;
  const listeners = new Map<string, Set<() => void>>();
  return {
    get: (id) => slots.get(id),
    subscribe(id, listener) {
      let set = listeners.get(id);
      if (!set) listeners.set(id, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(id);
      };
    },
    publish(next, nextDoc) {
      if (next === from) return;
      from = next;
      const before = slots;
      slots = slotsOf(next, nextDoc);
      // Only mounted edges listen: tell those whose spot differs (a flow gone reads undefined).
      for (const [id, set] of listeners)
        if (before.get(id) !== slots.get(id)) for (const listener of [...set]) listener();
    },
  };
}

export const LabelSlotsContext = createContext<LabelSlots | null>(null);

/** The label spot of one flow's edge (index into labelCandidates, null when hidden until hovered). */
export function useLabelSlot(id: string): number | null | undefined {
  const slots = useContext(LabelSlotsContext);
  const subscribe = useCallback(
    (listener: () => void) => slots?.subscribe(id, listener) ?? (() => {}),
    [slots, id],
  );
  return useSyncExternalStore(subscribe, () => slots?.get(id));
}
