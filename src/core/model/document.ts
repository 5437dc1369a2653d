import { z } from 'zod';
import { describeLimit, groupDigits, LIMITS, type LimitName } from '../limits';
import { InteropDataSchema } from './interopData';
import {
  DATA_CATEGORIES,
  FINDING_STATUSES,
  FLOW_KINDS,
  MITIGATION_STATES,
  SEVERITIES,
  ZONES,
} from './vocabulary';

/**
 * Schema of the model document (`*.aitm.json`), schemaVersion 1. It is the source of truth for the
 * TypeScript types and for the generated JSON Schema in threat-library/schema/. Objects are strict:
 * an unknown field is far more often a typo (`authenticatd`) than an intention, and a typo that
 * silently means "no threat" is the trap we exist to avoid.
 *
 * Structural checks live here; cross-references and property types (which depend on the catalogue)
 * are checked by parseDocument.
 */

export const DOCUMENT_FORMAT = 'ai-threat-model';
export const CURRENT_SCHEMA_VERSION = 1;

/**
 * Bounds of the element fields, shared with the hand-written fast check of large files
 * (fastElements.ts), which must accept exactly what these schemas accept.
 */
export const MAX_ID = 200;
export const MAX_TEXT = 20_000;
export const MAX_LABEL = 500;
export const MAX_TYPE = 100;
export const MAX_PROTOCOL = 100;
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

export const IdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_ID, `must be at most ${MAX_ID} characters`)
  .regex(ID_PATTERN, 'may contain only letters, digits and . _ : - (and start with a letter or digit)');

const Text = z.string().max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`);
const Label = z.string().max(MAX_LABEL, `must be at most ${MAX_LABEL} characters`);

/** A canvas coordinate: beyond LIMITS.coordinate an element can no longer be reached on the canvas. */
const Coordinate = z
  .number()
  .finite()
  .min(-LIMITS.coordinate.value, withinCoordinates())
  .max(LIMITS.coordinate.value, withinCoordinates());
const Extent = z
  .number()
  .finite()
  .positive()
  .max(
    LIMITS.extent.value,
    `must be at most ${groupDigits(LIMITS.extent.value)}: ${describeLimit('extent')}`,
  );

function withinCoordinates(): string {
  const v = groupDigits(LIMITS.coordinate.value);
  return `must be between -${v} and ${v}: ${describeLimit('coordinate')}`;
}

/** A list whose length is one of the limits, refused with a message naming it. */
function limitedArray<T extends z.ZodType>(item: T, limit: LimitName) {
  return z.array(item).max(LIMITS[limit].value, `has too many entries: ${describeLimit(limit)}`);
}

export const PositionSchema = z.strictObject({ x: Coordinate, y: Coordinate });
export const SizeSchema = z.strictObject({ width: Extent, height: Extent });

/**
 * A property value as written in a file. Its type is checked against the catalogue declaration
 * by parseDocument (checkProperties), which can say "must be one of …" where a structural union
 * could only say "invalid input".
 */
export const PropValueSchema = z.custom<boolean | string | number | string[]>((v) => v !== undefined);
export type PropValue = z.infer<typeof PropValueSchema>;

/**
 * An element the modellers decided not to consider (a third party's system, a file read on the same
 * host). Its findings are still computed but carried apart: reports list them under "Out of scope",
 * counts and `--fail-on` leave them out. An object rather than a flag plus a reason field, so that a
 * reason can never exist without the marking, and later details (who, when) have a place.
 */
export const OutOfScopeSchema = z.strictObject({
  reason: Text.optional(),
});

export const TrustBoundarySchema = z.strictObject({
  id: IdSchema,
  label: Label,
  zone: z.enum(ZONES),
  parentId: IdSchema.nullable().optional(),
  description: Text.optional(),
  position: PositionSchema.optional(),
  size: SizeSchema.optional(),
});

export const ComponentSchema = z.strictObject({
  id: IdSchema,
  type: z.string().min(1).max(MAX_TYPE),
  label: Label,
  description: Text.optional(),
  boundaryId: IdSchema.nullable().optional(),
  position: PositionSchema.optional(),
  props: z.record(z.string(), PropValueSchema).optional(),
  outOfScope: OutOfScopeSchema.optional(),
});

export const DataFlowPropsSchema = z.strictObject({
  encrypted: z.boolean().optional(),
  authenticated: z.boolean().optional(),
  protocol: z.string().max(MAX_PROTOCOL).optional(),
  data: z
    .array(z.enum(DATA_CATEGORIES))
    .max(DATA_CATEGORIES.length * 2)
    .optional(),
  /** Set when the flow crosses a boundary that its ends' placement does not show (e.g. imported Threat Dragon curve boundaries). */
  crossesBoundary: z.boolean().optional(),
  /** What the flow does (a prompt or message, a query, its response, a write, a call, a delivered update). */
  kind: z.enum(FLOW_KINDS).optional(),
  /** The flow never leaves one device (keyboard input, a file saved or downloaded, a local pipe). */
  local: z.boolean().optional(),
});

export const DataFlowSchema = z.strictObject({
  id: IdSchema,
  sourceId: IdSchema,
  targetId: IdSchema,
  label: Label,
  description: Text.optional(),
  props: DataFlowPropsSchema.optional(),
  outOfScope: OutOfScopeSchema.optional(),
});

export const TriageSchema = z.strictObject({
  status: z.enum(FINDING_STATUSES),
  owner: Label.optional(),
  note: Text.optional(),
  mitigations: z.record(z.string().max(MAX_ID), z.enum(MITIGATION_STATES)).optional(),
});

/**
 * A threat a user adds by hand (or imports from another tool). It behaves like a finding
 * everywhere; `targetId: null` means imported but not yet attached to an element.
 */
export const UserThreatSchema = z.strictObject({
  id: IdSchema,
  targetId: IdSchema.nullable(),
  title: Label.min(1, 'must not be empty'),
  description: Text.optional(),
  severity: z.enum(SEVERITIES),
  status: z.enum(FINDING_STATUSES),
  owner: Label.optional(),
  note: Text.optional(),
  mitigations: z
    .array(z.strictObject({ title: Label, state: z.enum([...MITIGATION_STATES, 'suggested']) }))
    .max(500)
    .optional(),
  /** Where the threat came from, e.g. "threat-dragon" or "threat-composer". */
  source: z.string().max(100).optional(),
});

export const MetaSchema = z.strictObject({
  title: Label,
  description: Text.optional(),
  owner: Label.optional(),
  version: Label.optional(),
});

export const DocumentSchema = z.strictObject({
  $schema: z.string().max(500).optional(),
  format: z.literal(DOCUMENT_FORMAT),
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  meta: MetaSchema,
  trustBoundaries: limitedArray(TrustBoundarySchema, 'trustBoundaries').default([]),
  components: limitedArray(ComponentSchema, 'components').default([]),
  dataFlows: limitedArray(DataFlowSchema, 'dataFlows').default([]),
  triage: z
    .record(z.string().max(2 * MAX_ID + 1), TriageSchema)
    .refine((t) => Object.keys(t).length <= LIMITS.triageEntries.value, {
      message: `has too many entries: ${describeLimit('triageEntries')}`,
    })
    .default({}),
  userThreats: limitedArray(UserThreatSchema, 'userThreats').default([]),
  /** What other tools' files held that this model has no place for (src/core/model/interopData.ts). */
  interop: InteropDataSchema.optional(),
});

export type ThreatModelDocument = z.output<typeof DocumentSchema>;
export type TrustBoundary = z.output<typeof TrustBoundarySchema>;
export type Component = z.output<typeof ComponentSchema>;
export type DataFlow = z.output<typeof DataFlowSchema>;
export type DataFlowProps = z.output<typeof DataFlowPropsSchema>;
export type Triage = z.output<typeof TriageSchema>;
export type UserThreat = z.output<typeof UserThreatSchema>;
export type Position = z.output<typeof PositionSchema>;
export type OutOfScope = z.output<typeof OutOfScopeSchema>;

/** An empty document, the starting point of "New". */
export function createEmptyDocument(title = 'Untitled model'): ThreatModelDocument {
  return {
    format: DOCUMENT_FORMAT,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    meta: { title },
    trustBoundaries: [],
    components: [],
    dataFlows: [],
    triage: {},
    userThreats: [],
  };
}
