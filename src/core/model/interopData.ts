import { z } from 'zod';

/**
 * What another tool's file held that our model has no place for, kept so that a round trip through
 * our editor gives that tool back its own file (docs/interop-formats.md, "What a round trip keeps").
 * Optional and additive (schemaVersion stays 1). Keyed by our element and threat ids rather than
 * stored on the elements, so that duplicating an element never duplicates another tool's id, and
 * an entry whose element was deleted is simply ignored on export.
 */

const MAX_ID = 1000;
const Str = z.string().max(20_000);
const TdId = z.union([z.string().max(MAX_ID), z.number().finite()]);
const Point = z.strictObject({ x: z.number().finite(), y: z.number().finite() });

/** One Threat Dragon diagram: its own fields, and where its cells were placed on our one canvas. */
export const TdDiagramDataSchema = z.strictObject({
  id: TdId.optional(),
  title: Str,
  diagramType: Str.optional(),
  description: Str.optional(),
  placeholder: Str.optional(),
  thumbnail: Str.optional(),
  version: Str.optional(),
  /** Added to the diagram's y coordinates on import, so that diagrams stack instead of overlapping. */
  offsetY: z.number().finite(),
});

/** The Threat Dragon cell one of our components, flows or boundaries came from. */
export const TdElementDataSchema = z.strictObject({
  cell: z.string().min(1).max(MAX_ID),
  /** Index into `diagrams`. */
  diagram: z.number().int().min(0),
  size: z.strictObject({ width: z.number().finite(), height: z.number().finite() }).optional(),
  ports: z.json().optional(),
  sourcePort: z.string().max(MAX_ID).optional(),
  targetPort: z.string().max(MAX_ID).optional(),
  vertices: z.array(Point).max(10_000).optional(),
  /**
   * This flow is the second direction of a bidirectional Threat Dragon flow: the flow kept with the
   * same `cell` (and no `reverse`) is the first. While both exist and still join the same two
   * nodes, one each way, they export as that one bidirectional cell.
   */
  reverse: z.literal(true).optional(),
});

/** A Threat Dragon threat's own fields, for the user threat made from it. */
export const TdThreatDataSchema = z.strictObject({
  id: TdId,
  type: Str.optional(),
  modelType: Str.optional(),
  score: z.union([Str, z.number().finite()]).optional(),
  number: z.number().finite().optional(),
  /** Threat Dragon's own status and severity words, written back while ours still mean the same. */
  status: Str.optional(),
  severity: Str.optional(),
  /** The description as written, and ours made from it: written back while ours is unchanged. */
  description: z.string().max(100_000).optional(),
  importedDescription: z.string().max(100_000).optional(),
  /** The mitigation text as written, written back while the mitigations are unchanged. */
  mitigation: z.string().max(100_000).optional(),
});

export const TdInteropSchema = z.strictObject({
  version: Str.optional(),
  summaryId: TdId.optional(),
  diagrams: z.array(TdDiagramDataSchema).max(1000),
  elements: z.record(z.string().max(200), TdElementDataSchema).optional(),
  /** Boundary curves and text blocks, verbatim (minus their threats), with their diagram. */
  cells: z
    .array(z.strictObject({ diagram: z.number().int().min(0), cell: z.json() }))
    .max(20_000)
    .optional(),
  threats: z.record(z.string().max(200), TdThreatDataSchema).optional(),
});

// ---------------------------------------------------------------- OTM

const Short = z.string().max(MAX_ID);
const Finite = z.number().finite();
/** At most this many entries in each keyed record below (the document's own limits are lower). */
const MAX_ENTRIES = 100_000;
function keyed<T extends z.ZodType>(value: T) {
  return z
    .record(z.string().max(200), value)
    .refine((r) => Object.keys(r).length <= MAX_ENTRIES, `at most ${MAX_ENTRIES} entries`);
}

/** What an OTM file said of one of our elements or user threats that our model has no field for. */
export const OtmKeptSchema = z.strictObject({
  /** The OTM type (of a trust zone, or a component's when it is not one of our catalogue's). */
  type: Short.optional(),
  /** The OTM id, when ours had to differ from it. */
  id: Short.optional(),
  /** The OTM threat a user threat was instantiated from, and the instance's state as written. */
  threat: Short.optional(),
  state: Short.optional(),
  /** OTM mitigation ids, risk reductions and states, in the order of the user threat's mitigations. */
  mitigations: z
    .array(z.strictObject({ id: Short, riskReduction: Finite.optional(), state: Short.optional() }))
    .max(500)
    .optional(),
  /** A trust zone's own trust rating, or a threat's likelihood and impact (0–100). */
  rating: Finite.optional(),
  likelihood: Finite.optional(),
  impact: Finite.optional(),
  /** The OTM data flow this reverse direction was split from (a bidirectional flow). */
  reverseOf: Short.optional(),
});

export const OtmInteropSchema = z.strictObject({
  /** By our trust boundary, component and flow id. */
  elements: keyed(OtmKeptSchema).optional(),
  /** By our user threat id. */
  threats: keyed(OtmKeptSchema).optional(),
});

// ---------------------------------------------------------------- TM-BOM

/** Any JSON a TM-BOM file held, up to a size (counted as JSON text). */
const MAX_KEPT_JSON = 1_000_000;
const KeptJson = z
  .json()
  .refine(
    (value) => JSON.stringify(value).length <= MAX_KEPT_JSON,
    `at most ${MAX_KEPT_JSON} characters of JSON`,
  );
const KeptFields = keyed(KeptJson);

/** What a TM-BOM file said that our model has no field for, field by field as it was written. */
export const TmBomInteropSchema = z.strictObject({
  /** The parts that are not elements: scope, trust boundaries, data sets, personas, assumptions, risks. */
  model: KeptFields.optional(),
  /** By our trust boundary, component and flow id: the TM-BOM name, kind, type and extra fields. */
  elements: keyed(KeptFields).optional(),
  /** By our user threat id: the TM-BOM threat's name, fields and controls. */
  threats: keyed(KeptFields).optional(),
});

export const InteropDataSchema = z.strictObject({
  threatDragon: TdInteropSchema.optional(),
  otm: OtmInteropSchema.optional(),
  tmBom: TmBomInteropSchema.optional(),
});

export type JsonValue = z.output<ReturnType<typeof z.json>>;
export type InteropData = z.output<typeof InteropDataSchema>;
export type TdInterop = z.output<typeof TdInteropSchema>;
export type TdElementData = z.output<typeof TdElementDataSchema>;
export type TdThreatData = z.output<typeof TdThreatDataSchema>;
export type TdDiagramData = z.output<typeof TdDiagramDataSchema>;
export type OtmKept = z.output<typeof OtmKeptSchema>;
export type OtmInterop = z.output<typeof OtmInteropSchema>;
export type TmBomInterop = z.output<typeof TmBomInteropSchema>;
export type TmBomKeptFields = NonNullable<TmBomInterop['model']>;
