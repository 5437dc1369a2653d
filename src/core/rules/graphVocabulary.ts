// The names of what the graph analyses are about (graphFacts.ts runs them), in a module of their
// own: the fact definitions need the names when the library loads, the analyses only when a model
// is evaluated.
import type { PropValue } from '../model/document';

/** Kinds of untrusted origin, in the order of their labels. */
export const ORIGIN_KINDS = [
  'anonymous-user',
  'public-web',
  'user-generated',
  'external-service',
  'internet-zone',
] as const;

/**
 * Who sends prompts or messages to a model: a person by how they are known (an `anonymous`
 * visitor, a signed-in `customer`, a `partner`'s staff or software, an `employee`, a privileged
 * `operator`), or `agent`: another agent or LLM application passing its messages on.
 */
export const PRINCIPALS = ['anonymous', 'customer', 'partner', 'employee', 'operator', 'agent'] as const;

/**
 * Where content that lands in a model's context comes from — distinct from who prompts it. A web
 * page fetched by an internal agent is `public-web` content, not the public chatting with the model.
 */
export const CONTENT_ORIGINS = [
  'public-web',
  'user-upload',
  'partner',
  'internal',
  'third-party-service',
  'tool-output',
  'agent-output',
] as const;

/** What a guardrail screens for (its `catches` property); `all` is the catalogue default. */
export const GUARD_KINDS = ['all', 'injection', 'sensitive-data', 'harmful-content'] as const;

/**
 * Catalogue properties the graph analysis itself reads (the rest are read by rules as `prop.*`).
 * The shipped-library test requires every catalogue property to be read by one or the other.
 */
export const GRAPH_PROPERTIES: readonly string[] = [
  'trust',
  'affiliation',
  'origin',
  'publicContent',
  'direction',
  'catches',
  'validatesData',
  'access',
  'humanApproval',
  'autonomy',
];

/** Component types whose behaviour is driven by a language model's output. */
export const LLM_DRIVEN_TYPES: ReadonlySet<string> = new Set(['llm', 'llm-app', 'agent']);
/** Passing through one of these turns content into indirect input: it was stored, retrieved or fetched. */
export const INDIRECT_TYPES: ReadonlySet<string> = new Set([
  'vector-store',
  'memory-store',
  'data-store',
  'dataset-store',
  'feedback-store',
  'agent-tool',
  'data-source',
  'external-service',
]);

/** The principal a user component stands for, from its trust and affiliation; -1 for other types. */
export function principalOf(type: string, prop: (name: string) => PropValue | undefined): number {
  if (type !== 'user') return -1;
  const trust = prop('trust');
  if (trust === 'anonymous') return PRINCIPALS.indexOf('anonymous');
  if (trust === 'privileged') return PRINCIPALS.indexOf('operator');
  const affiliation = prop('affiliation');
  if (affiliation === 'workforce') return PRINCIPALS.indexOf('employee');
  if (affiliation === 'partner') return PRINCIPALS.indexOf('partner');
  return PRINCIPALS.indexOf('customer');
}
