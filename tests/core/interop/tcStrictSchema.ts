import { z } from 'zod';

/**
 * Threat Composer's data exchange format, strict at every level as Threat Composer's own Zod
 * schema is (docs/interop-formats.md, "Threat Composer JSON" and schemas/threat-composer-v1.schema.json).
 */
const Tag = z.string().min(1).max(30);
const MetadataComment = z.strictObject({ key: z.literal('Comments'), value: z.string().max(1000) });
const MetadataCustom = z.strictObject({
  key: z
    .string()
    .max(50)
    .regex(/^custom:/),
  value: z.union([z.string(), z.array(z.string())]),
});
const ThreatMetadata = z.union([
  MetadataComment,
  MetadataCustom,
  z.strictObject({ key: z.literal('STRIDE'), value: z.array(z.enum(['S', 'T', 'R', 'I', 'D', 'E'])) }),
  z.strictObject({ key: z.literal('Priority'), value: z.enum(['High', 'Medium', 'Low']) }),
  z.strictObject({ key: z.literal('source'), value: z.literal('threatPack') }),
  z.strictObject({ key: z.literal('threatPackId'), value: z.string().min(1).max(30) }),
  z.strictObject({ key: z.literal('threatPackThreatId'), value: z.string().max(36) }),
  z.strictObject({ key: z.literal('threatPackMitigationCandidateId'), value: z.string().max(36) }),
]);
const MitigationMetadata = z.union([
  MetadataComment,
  MetadataCustom,
  z.strictObject({ key: z.literal('source'), value: z.literal('mitigationPack') }),
  z.strictObject({ key: z.literal('mitigationPackId'), value: z.string().min(1).max(30) }),
  z.strictObject({ key: z.literal('mitigationPackMitigationId'), value: z.string().max(36) }),
]);
const Base = {
  id: z.string().max(36),
  numericId: z.number(),
  displayOrder: z.number().optional(),
  tags: z.array(Tag).optional(),
};
const Field = z.string().max(200);
const Image = z.union([
  z
    .string()
    .max(2048)
    .regex(/^https?:\/\//),
  z
    .string()
    .max(1_000_000)
    .regex(/^data:image\/[a-z+.-]+;base64,/),
  z.literal(''),
]);
const Info = z.strictObject({ description: z.string().max(100_000).optional(), image: Image.optional() });
const LinkId = z.string().length(36);
export const StrictTcSchema = z.strictObject({
  schema: z.literal(1),
  applicationInfo: z
    .strictObject({ name: z.string().max(200).optional(), description: z.string().max(100_000).optional() })
    .optional(),
  architecture: Info.optional(),
  dataflow: Info.optional(),
  assumptions: z
    .array(
      z.strictObject({
        ...Base,
        metadata: z.array(z.union([MetadataComment, MetadataCustom])).optional(),
        content: z.string().max(1000),
      }),
    )
    .optional(),
  mitigations: z
    .array(
      z.strictObject({
        ...Base,
        metadata: z.array(MitigationMetadata).optional(),
        content: z.string().max(1000),
        status: z
          .enum([
            'mitigationIdentified',
            'mitigationInProgress',
            'mitigationResolved',
            'mitigationResolvedWillNotAction',
          ])
          .optional(),
      }),
    )
    .optional(),
  assumptionLinks: z
    .array(z.strictObject({ type: z.enum(['Threat', 'Mitigation']), assumptionId: LinkId, linkedId: LinkId }))
    .optional(),
  mitigationLinks: z.array(z.strictObject({ mitigationId: LinkId, linkedId: LinkId })).optional(),
  threats: z
    .array(
      z.strictObject({
        ...Base,
        metadata: z.array(ThreatMetadata).optional(),
        threatSource: Field.optional(),
        prerequisites: Field.optional(),
        threatAction: Field.optional(),
        threatImpact: Field.optional(),
        impactedGoal: z.array(Field).optional(),
        impactedAssets: z.array(Field).optional(),
        statement: z.string().max(1400).optional(),
        customTemplate: Field.optional(),
        status: z.enum(['threatIdentified', 'threatResolved', 'threatResolvedNotUseful']).optional(),
      }),
    )
    .optional(),
});
