import type { Severity } from '../../core';
import type { AppState } from '../store/appState';
import { boundariesById, componentsById, flowsById, selectFindingsIndex } from '../store/selectors';

/**
 * Everything one canvas node or edge shows, read by a single store subscription (compared field by
 * field with useShallow): a thousand components and two thousand flows are three thousand
 * selectors run per store change, where five per node and three per edge were eleven thousand.
 */
interface Findings {
  /** Open findings on the element. */
  open: number;
  /** Their highest severity, or null when none is open. */
  severity: Severity | null;
}

function findingsOn(s: AppState, id: string): Findings {
  const summary = selectFindingsIndex(s).summary.get(id);
  return { open: summary?.open ?? 0, severity: summary?.severity ?? null };
}

export interface ComponentView extends Findings {
  label: string;
  typeId: string;
  /** The catalogue's name for the type, or its id when the catalogue does not know it. */
  typeLabel: string;
  outOfScope: boolean;
}

export const componentView =
  (id: string) =>
  (s: AppState): ComponentView => {
    const component = componentsById(s.document).get(id);
    const typeId = component?.type ?? '';
    return {
      label: component?.label ?? '',
      typeId,
      typeLabel: s.library.catalogue.types.get(typeId)?.label ?? typeId,
      // Out of scope: drawn faded and dashed, so the room sees what it decided not to treat.
      outOfScope: component?.outOfScope !== undefined,
      ...findingsOn(s, id),
    };
  };

export interface BoundaryView extends Findings {
  label: string;
  zone: string;
}

export const boundaryView =
  (id: string) =>
  (s: AppState): BoundaryView => {
    const boundary = boundariesById(s.document).get(id);
    return { label: boundary?.label ?? '', zone: boundary?.zone ?? 'internal', ...findingsOn(s, id) };
  };

export interface FlowView extends Findings {
  label: string;
}

export const flowView =
  (id: string) =>
  (s: AppState): FlowView => ({ label: flowsById(s.document).get(id)?.label ?? '', ...findingsOn(s, id) });
