import { z } from 'zod';
import { LIMITS } from '../limits';
import { RATINGS, STRIDE, TARGET_KINDS, ZONES } from '../model/vocabulary';

/**
 * Schemas of the threat library: catalogue, guidelines, threats, mitigations and rules. They are
 * the source of truth for the JSON Schemas in threat-library/schema/ (`npm run schema`).
 * Library files are data only; rule conditions are structured data interpreted by the engine.
 */

const LibraryId = (prefix: string) =>
  z
    .string()
    .regex(
      new RegExp(`^${prefix}\\.[a-z0-9]+(?:[.-][a-z0-9]+)*$`),
      `must look like "${prefix}.lower-case-words"`,
    )
    .max(120);

export const ThreatIdSchema = LibraryId('threat');
export const MitigationIdSchema = LibraryId('mitigation');
export const RuleIdSchema = LibraryId('rule');
export const RootCauseIdSchema = LibraryId('cause');

const Text = z.string().min(1).max(4000);

// ---------------------------------------------------------------- catalogue

export const PropertyDeclarationSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    name: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'must be camelCase'),
    label: z.string().min(1).max(100),
    kind: z.literal('boolean'),
    default: z.boolean(),
    help: z.string().max(1000).optional(),
  }),
  z.strictObject({
    name: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'must be camelCase'),
    label: z.string().min(1).max(100),
    kind: z.literal('enum'),
    values: z.array(z.string().min(1).max(60)).min(1).max(50),
    default: z.string(),
    help: z.string().max(1000).optional(),
  }),
  z.strictObject({
    name: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'must be camelCase'),
    label: z.string().min(1).max(100),
    kind: z.literal('string'),
    default: z.string().max(200),
    help: z.string().max(1000).optional(),
  }),
]);
export type PropertyDeclaration = z.output<typeof PropertyDeclarationSchema>;

export const CATEGORIES = [
  'data',
  'training',
  'models',
  'serving',
  'agents',
  'operations',
  'generic',
] as const;

export const ComponentTypeSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case-with-dashes')
    .max(60),
  label: z.string().min(1).max(80),
  category: z.enum(CATEGORIES),
  icon: z.string().min(1).max(16),
  description: Text,
  properties: z.array(PropertyDeclarationSchema).max(40),
});
export type ComponentType = z.output<typeof ComponentTypeSchema>;

// ---------------------------------------------------------------- guidelines

export const GUIDELINE_AREAS = [
  'secure-design',
  'secure-development',
  'secure-deployment',
  'secure-operation',
] as const;

export const GuidelineSchema = z.strictObject({
  id: z.string().regex(/^(SD|DEV|DEP|OM)-[0-9]+$/),
  area: z.enum(GUIDELINE_AREAS),
  title: z.string().min(1).max(200),
  summary: Text,
  organisational: z.boolean().optional(),
});
export type Guideline = z.output<typeof GuidelineSchema>;

// ---------------------------------------------------------------- references

export const ReferencesSchema = z.strictObject({
  guidelines: z.array(z.string()).default([]),
  atlas: z
    .array(
      z.string().regex(/^AML\.T[0-9]{4}(\.[0-9]{3})?$/, 'must be an ATLAS technique id like AML.T0051.001'),
    )
    .default([]),
  owaspLlm: z.array(z.string().regex(/^LLM(0[1-9]|10)$/, 'must be LLM01…LLM10')).default([]),
  owaspMl: z.array(z.string().regex(/^ML(0[1-9]|10)$/, 'must be ML01…ML10')).default([]),
  /** OWASP Top 10 for Agentic Applications 2026; optional in files, like every list here. */
  owaspAgentic: z.array(z.string().regex(/^ASI(0[1-9]|10)$/, 'must be ASI01…ASI10')).default([]),
  saif: z.array(z.string().regex(/^[A-Z]{2,3}$/, 'must be a SAIF risk code')).default([]),
});
export type References = z.output<typeof ReferencesSchema>;

// ---------------------------------------------------------------- threats and mitigations

export const ThreatSchema = z.strictObject({
  id: ThreatIdSchema,
  title: z.string().min(1).max(200),
  description: Text,
  likelihood: z.enum(RATINGS),
  impact: z.enum(RATINGS),
  stride: z.array(z.enum(STRIDE)).default([]),
  references: ReferencesSchema,
  mitigations: z.array(MitigationIdSchema).default([]),
});
export type Threat = z.output<typeof ThreatSchema>;

export const MitigationSchema = z.strictObject({
  id: MitigationIdSchema,
  title: z.string().min(1).max(200),
  guidance: Text,
  verify: z.string().max(2000).optional(),
  guidelines: z.array(z.string()).min(1),
  controls: z.array(z.string().max(200)).default([]),
  /** Organisational mitigations are reported once for the whole model, not per element. */
  organisational: z.boolean().optional(),
});
export type Mitigation = z.output<typeof MitigationSchema>;

// ---------------------------------------------------------------- root causes

/**
 * One weakness of the design that several threats exploit on the same element (returned confidence
 * scores make extraction, membership inference and inversion possible). Rules name it in
 * `rootCause`; findings that share it on one element are linked, never merged (docs/adr/0016).
 */
export const RootCauseSchema = z.strictObject({
  id: RootCauseIdSchema,
  title: z.string().min(1).max(200),
  description: Text,
});
export type RootCause = z.output<typeof RootCauseSchema>;

// ---------------------------------------------------------------- conditions

export const OPERATOR_NAMES = [
  'eq',
  'ne',
  'in',
  'notIn',
  'includes',
  'includesAny',
  'includesNone',
  'includesOnly',
  'gt',
  'gte',
  'lt',
  'lte',
  'exists',
] as const;
export type OperatorName = (typeof OPERATOR_NAMES)[number];

export type FactValue = boolean | string | number | readonly string[] | null;

export interface LeafCondition {
  fact: string;
  op: OperatorName;
  value?: FactValue;
}
/**
 * A condition over the components and flows along a path: some component matching `where` sits
 * upstream (or downstream) of the target, joined to it by flows that all match `via`, through no
 * component that matches `avoiding` (it may be the match itself), within `maxHops` flows.
 * `phrase` says in words what the path finds; the finding's explanation uses it.
 */
export interface PathCondition {
  where: Condition;
  via?: Condition;
  avoiding?: Condition;
  maxHops?: number;
  phrase: string;
}
/** Some component anywhere in the model matches `where`. */
export interface SomeCondition {
  where: Condition;
  phrase: string;
}
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { upstream: PathCondition }
  | { downstream: PathCondition }
  | { some: SomeCondition }
  | LeafCondition;

const LeafSchema = z.strictObject({
  fact: z.string().min(1).max(120),
  op: z.enum(OPERATOR_NAMES),
  value: z
    .union([
      z.boolean(),
      z.string().max(200),
      z.number().finite(),
      z.array(z.string().max(200)).max(100),
      z.null(),
    ])
    .optional(),
});

/** Depth is bounded so that a hostile rule pack cannot exhaust the stack. */
export const MAX_CONDITION_DEPTH = LIMITS.conditionDepth.value;
/** Longest path a path condition may ask for; longer bounds are rejected rather than clamped. */
export const MAX_PATH_HOPS = 50;

const Phrase = z.string().min(3).max(200);

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(ConditionSchema).min(1).max(50) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1).max(50) }),
    z.strictObject({ not: ConditionSchema }),
    z.strictObject({ upstream: PathConditionSchema }),
    z.strictObject({ downstream: PathConditionSchema }),
    z.strictObject({ some: z.strictObject({ where: ConditionSchema, phrase: Phrase }) }),
    LeafSchema,
  ]),
);

const PathConditionSchema: z.ZodType<PathCondition> = z.lazy(() =>
  z.strictObject({
    where: ConditionSchema,
    via: ConditionSchema.optional(),
    avoiding: ConditionSchema.optional(),
    maxHops: z.number().int().min(1).max(MAX_PATH_HOPS).optional(),
    phrase: Phrase,
  }),
);

// ---------------------------------------------------------------- rules

const RatingDelta = z.number().int().min(-2).max(2);

export const RuleSchema = z.strictObject({
  id: RuleIdSchema,
  threat: ThreatIdSchema,
  target: z.enum(TARGET_KINDS),
  /** For component rules: the component types it applies to (an index; omit for all types). */
  types: z.array(z.string()).min(1).optional(),
  when: ConditionSchema.optional(),
  /** One sentence on what this finding means here; the engine appends the trace. */
  summary: z.string().max(500).optional(),
  likelihood: z.enum(RATINGS).optional(),
  impact: z.enum(RATINGS).optional(),
  /** Raise or lower likelihood / impact when a condition holds; every applied adjustment is explained. */
  adjust: z
    .array(
      z.strictObject({
        when: ConditionSchema,
        likelihood: RatingDelta.optional(),
        impact: RatingDelta.optional(),
        reason: z.string().min(1).max(300),
        /** Framework references that apply only when this adjustment holds (e.g. LLM08 on retrieval paths). */
        references: ReferencesSchema.optional(),
      }),
    )
    .default([]),
  /** Mitigations present by design when a condition holds: lower severity or mark mitigated, and say so. */
  byDesign: z
    .array(
      z.strictObject({
        when: ConditionSchema,
        mitigations: z.array(MitigationIdSchema).min(1),
        effect: z.enum(['lower', 'mitigated']),
        reason: z.string().min(1).max(300),
      }),
    )
    .default([]),
  /** Override the threat's mitigation list for this context (a subset or a sharper choice). */
  mitigations: z.array(MitigationIdSchema).optional(),
  /**
   * The root cause this rule's finding shares with other rules' findings on the same element,
   * optionally only when a condition holds (inversion shares "returned scores" only when the API
   * returns them).
   */
  rootCause: z
    .strictObject({
      id: RootCauseIdSchema,
      when: ConditionSchema.optional(),
    })
    .optional(),
  /** References of this situation, added to the threat's: findings carry both. */
  references: ReferencesSchema.optional(),
});
export type Rule = z.output<typeof RuleSchema>;

// ---------------------------------------------------------------- zones (re-exported for facts)

export { ZONES };
