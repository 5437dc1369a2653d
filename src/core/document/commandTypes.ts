import type {
  Component,
  DataFlow,
  DataFlowProps,
  OutOfScope,
  Position,
  PropValue,
  TrustBoundary,
  UserThreat,
} from '../model/document';
import type { FindingStatus, MitigationState } from '../model/vocabulary';

/** Patches and fragments taken by the document commands (see elementCommands.ts). */

/** Changes to a component; `null` clears an optional field. */
export interface ComponentPatch {
  label?: string;
  description?: string | null;
  type?: string;
  /** Merged into the existing props; a `null` value removes that prop (it falls back to its default). */
  props?: Readonly<Record<string, PropValue | null>>;
  position?: Position | null;
  boundaryId?: string | null;
  /** Marks the component out of scope (with an optional reason); `null` brings it back in scope. */
  outOfScope?: OutOfScope | null;
}

export interface DataFlowPatch {
  label?: string;
  description?: string | null;
  sourceId?: string;
  targetId?: string;
  /** Merged into the existing props; a `null` value removes that prop. */
  props?: { [K in keyof DataFlowProps]?: DataFlowProps[K] | null };
  /** Marks the flow out of scope (with an optional reason); `null` brings it back in scope. */
  outOfScope?: OutOfScope | null;
}

export interface TrustBoundaryPatch {
  label?: string;
  description?: string | null;
  zone?: TrustBoundary['zone'];
  parentId?: string | null;
  position?: Position | null;
  size?: TrustBoundary['size'] | null;
}

/** Changes to a finding's triage; empty owner or note strings remove the field. */
export interface TriagePatch {
  status?: FindingStatus;
  owner?: string;
  note?: string;
  /** A `null` state removes the stored state (the mitigation goes back to "suggested"). */
  mitigations?: Readonly<Record<string, MitigationState | null>>;
}

export interface UserThreatPatch {
  targetId?: string | null;
  title?: string;
  description?: string | null;
  severity?: UserThreat['severity'];
  status?: FindingStatus;
  owner?: string | null;
  note?: string | null;
  mitigations?: UserThreat['mitigations'] | null;
}

/** A piece of a document to copy, paste or duplicate: boundaries, components and the flows between them. */
export interface DocumentFragment {
  trustBoundaries: TrustBoundary[];
  components: Component[];
  dataFlows: DataFlow[];
}
