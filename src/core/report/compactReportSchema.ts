import { z } from 'zod';
import { ReferencesSchema } from '../library/librarySchema';
import { TriageSchema, UserThreatSchema } from '../model/document';
import { FINDING_STATUSES, MITIGATION_STATES, RATINGS, SEVERITIES, TARGET_KINDS } from '../model/vocabulary';
import { COMPACT_REPORT_FORMAT } from './compactReport';

/**
 * The shape of the compact JSON report (compactReport.ts), as a zod schema only so that its JSON
 * Schema (threat-library/schema/report-compact.schema.json, `npm run schema`) is generated rather
 * than written by hand. Nothing parses reports with it: the tool writes them, consumers read them.
 */
const counts = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.strictObject(
    Object.fromEntries(keys.map((k) => [k, z.number().int().nonnegative()])) as {
      [K in T[number]]: z.ZodNumber;
    },
  );

const CompactFindingSchema = z.strictObject({
  key: z.string(),
  threatId: z.string(),
  title: z.string(),
  targetId: z.string(),
  targetKind: z.enum(TARGET_KINDS),
  targetLabel: z.string(),
  severity: z.enum(SEVERITIES),
  likelihood: z.enum(RATINGS),
  impact: z.enum(RATINGS),
  status: z.enum(FINDING_STATUSES),
  owner: z.string().optional(),
  note: z.string().optional(),
  references: z.string().describe('An id in the report’s `references` table'),
  mitigations: z.array(
    z.strictObject({
      id: z.string().describe('An id in the report’s `mitigations` table'),
      state: z.enum([...MITIGATION_STATES, 'suggested']),
      byDesign: z.literal(true).optional(),
      title: z.string().optional().describe('Only where it differs from the table'),
      guidelines: z.array(z.string()).optional().describe('Only where they differ from the table'),
    }),
  ),
  why: z.string(),
  path: z.array(z.string()).optional(),
  origin: z.enum(['rule', 'user']),
  group: z.strictObject({ key: z.string(), primary: z.boolean() }).optional(),
  outOfScope: z.literal(true).optional(),
});

export const CompactReportSchema = z.strictObject({
  format: z.literal(COMPACT_REPORT_FORMAT),
  schemaVersion: z.literal(1),
  model: z.strictObject({
    title: z.string(),
    description: z.string().optional(),
    owner: z.string().optional(),
    version: z.string().optional(),
  }),
  library: z.strictObject({ name: z.string(), version: z.string() }),
  summary: z.strictObject({
    components: z.number().int().nonnegative(),
    dataFlows: z.number().int().nonnegative(),
    trustBoundaries: z.number().int().nonnegative(),
    findings: z.number().int().nonnegative(),
    bySeverity: counts(SEVERITIES),
    byStatus: counts(FINDING_STATUSES),
  }),
  findings: z.array(CompactFindingSchema),
  guidelineCoverage: z.array(
    z.strictObject({
      id: z.string(),
      title: z.string(),
      area: z.string(),
      mitigations: z.number().int().nonnegative(),
      implemented: z.number().int().nonnegative(),
      planned: z.number().int().nonnegative(),
      status: z.enum(['implemented', 'planned', 'missing', 'not-applicable']),
    }),
  ),
  orphanedTriage: z.array(TriageSchema.extend({ key: z.string() })),
  unplacedThreats: z.array(UserThreatSchema),
  findingGroups: z.array(
    z.strictObject({
      key: z.string(),
      rootCauseId: z.string(),
      title: z.string(),
      description: z.string(),
      targetId: z.string(),
      targetKind: z.enum(TARGET_KINDS),
      targetLabel: z.string(),
      severity: z.enum(SEVERITIES),
      primary: z.string(),
      findings: z.array(z.string()),
      sharedMitigations: z.array(z.string()),
    }),
  ),
  outOfScopeFindings: z.array(CompactFindingSchema).optional(),
  references: z.record(z.string(), ReferencesSchema),
  mitigations: z.record(z.string(), z.strictObject({ title: z.string(), guidelines: z.array(z.string()) })),
});

/** The JSON Schema of the compact report, as published in threat-library/schema/. */
export function compactReportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(CompactReportSchema, {
    io: 'output',
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Record<string, unknown>;
}
