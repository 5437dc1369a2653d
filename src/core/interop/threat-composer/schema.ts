import { z } from 'zod';

/**
 * What the Threat Composer importer reads from a `.tc.json` file. Threat Composer's own schema is
 * strict; ours is loose about keys (a newer Threat Composer may add some) but checks the type of
 * every field we use, so a malformed file is refused with the JSON path of each problem.
 */

const Text = z.string().max(1_100_000);
const Id = z.string().min(1, 'must not be empty').max(100);

const Metadata = z.looseObject({
  key: z.string().max(1000),
  value: z.union([Text, z.array(Text).max(10_000)]),
});

const Entity = {
  id: Id,
  numericId: z.number().finite().optional(),
  displayOrder: z.number().finite().optional(),
  metadata: z.array(Metadata).max(10_000).optional(),
  tags: z.array(Text).max(10_000).optional(),
};

export const TcThreatSchema = z.looseObject({
  ...Entity,
  threatSource: Text.optional(),
  prerequisites: Text.optional(),
  threatAction: Text.optional(),
  threatImpact: Text.optional(),
  impactedGoal: z.array(Text).max(10_000).optional(),
  impactedAssets: z.array(Text).max(10_000).optional(),
  statement: Text.optional(),
  status: Text.optional(),
});
export type TcThreat = z.output<typeof TcThreatSchema>;

export const TcMitigationSchema = z.looseObject({ ...Entity, content: Text, status: Text.optional() });
export type TcMitigation = z.output<typeof TcMitigationSchema>;

export const TcAssumptionSchema = z.looseObject({ ...Entity, content: Text });

const Info = z.looseObject({ name: Text.optional(), description: Text.optional(), image: Text.optional() });

export const TcFileSchema = z.looseObject({
  schema: z.number().finite(),
  applicationInfo: Info.optional(),
  architecture: Info.optional(),
  dataflow: Info.optional(),
  threats: z.array(TcThreatSchema).max(100_000).optional(),
  mitigations: z.array(TcMitigationSchema).max(100_000).optional(),
  assumptions: z.array(TcAssumptionSchema).max(100_000).optional(),
  mitigationLinks: z
    .array(z.looseObject({ mitigationId: Text, linkedId: Text }))
    .max(1_000_000)
    .optional(),
  assumptionLinks: z
    .array(z.looseObject({ type: Text.optional(), assumptionId: Text, linkedId: Text }))
    .max(1_000_000)
    .optional(),
});
export type TcFile = z.output<typeof TcFileSchema>;

/** Metadata keys we write under Threat Composer's `custom:` extension point (each key ≤ 50 characters). */
export const TC_CUSTOM = {
  findingKey: 'custom:aitmFindingKey',
  componentIds: 'custom:componentIds',
  targetKind: 'custom:aitmTargetKind',
  ruleId: 'custom:ruleId',
  threatId: 'custom:aitmThreatId',
  userThreatId: 'custom:aitmUserThreatId',
  severity: 'custom:aitmSeverity',
  status: 'custom:aitmStatus',
  owner: 'custom:aitmOwner',
  ncsc: 'custom:ncsc',
  atlas: 'custom:atlas',
  owaspLlm: 'custom:owaspLlm',
  owaspMl: 'custom:owaspMl',
  owaspAgentic: 'custom:owaspAgentic',
  saif: 'custom:saif',
  mitigationId: 'custom:aitmMitigationId',
  note: 'custom:aitmNote',
} as const;
