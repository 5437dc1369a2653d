import { z } from 'zod';
import {
  DataFlowPropsSchema,
  MetaSchema,
  PositionSchema,
  PropValueSchema,
  SizeSchema,
  TriageSchema,
  UserThreatSchema,
} from '../../model/document';
import { FINDING_STATUSES, SEVERITIES, ZONES } from '../../model/vocabulary';

/**
 * What the Threat Dragon importer reads from a v2 file. Objects are loose: Threat Dragon files
 * carry plenty of presentation (attrs, ports, markup) and fields of versions we do not know, which
 * we ignore. Only the fields we use are checked, and a wrong type there is a problem with its path.
 */

const Num = z.number().finite();
const Str = z.string().max(100_000);
const Point = z.looseObject({ x: Num, y: Num });

export const TdThreatSchema = z.looseObject({
  id: z.union([Str, Num]).optional(),
  title: Str.optional(),
  type: Str.optional(),
  status: Str.optional(),
  severity: Str.optional(),
  description: Str.optional(),
  mitigation: Str.optional(),
  modelType: Str.optional(),
  score: z.union([Str, Num]).optional(),
  aitm: z.unknown().optional(),
});
export type TdThreat = z.output<typeof TdThreatSchema>;

export const TdCellDataSchema = z.looseObject({
  type: Str.optional(),
  name: Str.optional(),
  description: Str.optional(),
  outOfScope: z.boolean().optional(),
  reasonOutOfScope: Str.optional(),
  threats: z.array(TdThreatSchema).nullable().optional(),
  // tm.Flow
  protocol: Str.optional(),
  isEncrypted: z.boolean().optional(),
  isPublicNetwork: z.boolean().optional(),
  isBidirectional: z.boolean().optional(),
  trustBoundaryIds: z.array(z.unknown()).optional(),
  // tm.Store
  storesCredentials: z.boolean().optional(),
  // our extension, checked by AitmCellSchema
  aitm: z.unknown().optional(),
});
export type TdCellData = z.output<typeof TdCellDataSchema>;

const Endpoint = z.looseObject({
  cell: Str.optional(),
  port: Str.optional(),
  x: Num.optional(),
  y: Num.optional(),
});

export const TdCellSchema = z.looseObject({
  id: z.string().min(1, 'must not be empty').max(1000),
  shape: Str.optional(),
  position: Point.optional(),
  size: z.looseObject({ width: Num, height: Num }).optional(),
  source: Endpoint.optional(),
  target: Endpoint.optional(),
  vertices: z.array(Point).optional(),
  attrs: z.unknown().optional(),
  labels: z.unknown().optional(),
  ports: z.unknown().optional(),
  data: TdCellDataSchema.optional(),
});
export type TdCell = z.output<typeof TdCellSchema>;

export const TdDiagramSchema = z.looseObject({
  id: z.union([Num, Str]).optional(),
  title: Str.optional(),
  description: Str.optional(),
  diagramType: Str.optional(),
  cells: z.array(TdCellSchema).max(20_000),
});

export const TdModelSchema = z.looseObject({
  version: Str.optional(),
  summary: z.looseObject({
    title: Str,
    owner: Str.optional(),
    description: Str.optional(),
    id: z.union([Num, Str]).optional(),
  }),
  detail: z.looseObject({
    contributors: z.array(z.looseObject({ name: Str.optional() })).optional(),
    diagrams: z.array(TdDiagramSchema).max(1000),
    reviewer: Str.optional(),
    diagramTop: Num.optional(),
    threatTop: Num.optional(),
  }),
});
export type TdModel = z.output<typeof TdModelSchema>;

// ---------------------------------------------------------------- our extension (data.aitm)

/**
 * What we keep under a cell's `data.aitm` so that a model survives a trip through Threat Dragon:
 * our id, type and properties, and what each Threat Dragon-visible field looked like when exported
 * (so that on import only the fields a user changed in Threat Dragon override ours).
 */
export const AITM_DATA_VERSION = 1;

const ExportedFields = z.record(z.string().max(100), z.union([z.boolean(), z.string().max(1000)]));

const FindingRef = z.strictObject({
  threat: z.string().max(100),
  key: z.string().max(401),
  status: z.enum(FINDING_STATUSES),
  severity: z.enum(SEVERITIES),
});

const UserThreatRef = z.strictObject({
  threat: z.string().max(1000),
  record: UserThreatSchema,
  /** The mitigation text as exported, when it is not mitigationsToText of the record's (Threat Dragon's own words). */
  mitigation: z.string().max(100_000).optional(),
  /** The description as exported, when it is not the record's (Threat Dragon's own words). */
  description: z.string().max(100_000).optional(),
});

const Common = {
  v: z.literal(AITM_DATA_VERSION),
  triage: z.record(z.string().max(401), TriageSchema).optional(),
  findings: z.array(FindingRef).max(10_000).optional(),
  userThreats: z.array(UserThreatRef).max(10_000).optional(),
};

export const AitmCellSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...Common,
    kind: z.literal('component'),
    id: z.string().max(200),
    type: z.string().min(1).max(100),
    description: z.string().max(20_000).optional(),
    props: z.record(z.string().max(100), PropValueSchema).optional(),
    boundaryId: z.string().max(200).nullable().optional(),
    position: PositionSchema.nullable(),
    /** Where the node was drawn and which box (Threat Dragon cell id) held its centre on export. */
    at: PositionSchema,
    box: z.string().max(100).nullable(),
    exported: ExportedFields,
  }),
  z.strictObject({
    ...Common,
    kind: z.literal('dataFlow'),
    id: z.string().max(200),
    description: z.string().max(20_000).optional(),
    props: DataFlowPropsSchema.optional(),
    exported: ExportedFields,
    /**
     * The flow the other way, when this cell is one bidirectional Threat Dragon flow made of two of
     * ours. Its triage, findings and user threats travel with the cell's own (user threats name it
     * as their target).
     */
    reverse: z
      .strictObject({
        id: z.string().max(200),
        label: z.string().max(500),
        description: z.string().max(20_000).optional(),
        props: DataFlowPropsSchema.optional(),
      })
      .optional(),
  }),
  z.strictObject({
    ...Common,
    kind: z.literal('trustBoundary'),
    id: z.string().max(200),
    zone: z.enum(ZONES),
    description: z.string().max(20_000).optional(),
    parentId: z.string().max(200).nullable().optional(),
    position: PositionSchema.nullable(),
    size: SizeSchema.nullable(),
    at: PositionSchema,
    atSize: SizeSchema,
    box: z.string().max(100).nullable(),
  }),
  z.strictObject({
    ...Common,
    kind: z.literal('model'),
    meta: MetaSchema,
  }),
]);
export type AitmCellData = z.output<typeof AitmCellSchema>;
export type AitmFindingRef = z.output<typeof FindingRef>;
export type AitmUserThreatRef = z.output<typeof UserThreatRef>;
