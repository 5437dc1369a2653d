import type { Severity } from '../../core';
import type { AppState } from '../store/appState';
import { changedSince, type FindingsIndex, type TargetSummary } from '../store/findingsIndex';
import { boundariesById, componentsById, flowsById, selectFindingsIndex } from '../store/selectors';

/**
 * Everything one canvas node or edge shows, read by a single store subscription (compared field by
 * field with useShallow): a thousand components and two thousand flows are three thousand
 * selectors run per store change, where five per node and three per edge were eleven thousand.
 *
 * Each selector also remembers what it read last — the element object, its findings summary (the
 * findings index keeps an unchanged target's summary the same object) and the library — and
 * returns its previous view while they are the same: an edit changes one element, and building
 * and comparing a fresh object for each of 20,000 edges on every store change was most of the
 * edges' cost (useShallow is done at once when handed the same object).
 */
interface Findings {
  /** Open findings on the element. */
  open: number;
  /** Their highest severity, or null when none is open. */
  severity: Severity | null;
}

const findingsOf = (summary: TargetSummary | undefined): Findings => ({
  open: summary?.open ?? 0,
  severity: summary?.severity ?? null,
});

interface Read<E, V> {
  list: readonly { id: string }[];
  element: E | undefined;
  index: FindingsIndex;
  summary: TargetSummary | undefined;
  library: unknown;
  view: V;
}

/**
 * A selector of `id` that builds its view from the element and its summary only when either (or
 * the library) is a different object from the last call's. Neither is even looked up when its
 * source is unchanged: the element while its list is the same array (a component edit leaves the
 * flows alone), the summary while the findings index is the same or was updated from the last
 * one without touching `id`.
 */
function viewSelector<E extends { id: string }, V>(
  listOf: (s: AppState) => readonly E[],
  byId: (s: AppState) => ReadonlyMap<string, E>,
  id: string,
  build: (element: E | undefined, summary: TargetSummary | undefined, s: AppState) => V,
): (s: AppState) => V {
  let last: Read<E, V> | null = null;
  return (s) => {
    const list = listOf(s);
    const index = selectFindingsIndex(s);
    if (last && last.list === list && last.index === index && last.library === s.library) return last.view;
    const element = last && last.list === list ? last.element : byId(s).get(id);
    const summary = last && summaryStands(last.index, index, id) ? last.summary : index.summary.get(id);
    if (last && last.element === element && last.summary === summary && last.library === s.library) {
      last.list = list;
      last.index = index;
      return last.view;
    }
    const view = build(element, summary, s);
    last = { list, element, index, summary, library: s.library, view };
    return view;
  };
}

function summaryStands(previous: FindingsIndex, next: FindingsIndex, id: string): boolean {
  if (previous === next) return true;
  const touched = changedSince(next, previous);
  return touched !== null && !touched.has(id);
}

export interface ComponentView extends Findings {
  label: string;
  typeId: string;
  /** The catalogue's name for the type, or its id when the catalogue does not know it. */
  typeLabel: string;
  outOfScope: boolean;
}

export const componentView = (id: string): ((s: AppState) => ComponentView) =>
  viewSelector(
    (s) => s.document.components,
    (s) => componentsById(s.document),
    id,
    (component, summary, s) => {
      const typeId = component?.type ?? '';
      return {
        label: component?.label ?? '',
        typeId,
        typeLabel: s.library.catalogue.types.get(typeId)?.label ?? typeId,
        // Out of scope: drawn faded and dashed, so the room sees what it decided not to treat.
        outOfScope: component?.outOfScope !== undefined,
        ...findingsOf(summary),
      };
    },
  );

export interface BoundaryView extends Findings {
  label: string;
  zone: string;
}

export const boundaryView = (id: string): ((s: AppState) => BoundaryView) =>
  viewSelector(
    (s) => s.document.trustBoundaries,
    (s) => boundariesById(s.document),
    id,
    (boundary, summary) => ({
      label: boundary?.label ?? '',
      zone: boundary?.zone ?? 'internal',
      ...findingsOf(summary),
    }),
  );

export interface FlowView extends Findings {
  label: string;
}

export const flowView = (id: string): ((s: AppState) => FlowView) =>
  viewSelector(
    (s) => s.document.dataFlows,
    (s) => flowsById(s.document),
    id,
    (flow, summary) => ({ label: flow?.label ?? '', ...findingsOf(summary) }),
  );
