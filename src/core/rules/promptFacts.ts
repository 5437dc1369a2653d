import { hasLabel } from '../graph/labelSets';
import type { EvaluationContext } from './evaluationContext';
import type { FactDefinition } from './factTypes';
import { CONTENT_ORIGINS, PRINCIPALS, principalOf } from './graphVocabulary';
import { flowLabelFact, memoised, neighbourList } from './componentFactBuilders';

/**
 * Who prompts a component and what content reaches it — two different questions (a web page an
 * internal agent reads is not the public chatting with the model) — and where prompts enter a
 * model's context, so injection findings land once per path.
 */

/** Where prompts enter a model's context: the finding for injection belongs on exactly one component per path. */
function isModelContext(ctx: EvaluationContext, i: number): boolean {
  const type = ctx.types[i]!;
  if (type === 'llm') return true;
  const downstream = ctx.facts.downstreamTypes;
  const llm = ctx.facts.typeLabel.get('llm');
  const hasDownstreamLlm = llm !== undefined && hasLabel(downstream, i, llm);
  if (type === 'inference-api')
    return !hasDownstreamLlm && neighbourList(ctx, i, 'in', 'data').includes('prompts');
  if (type === 'llm-app' || type === 'agent')
    return !hasDownstreamLlm && !hasLabel(ctx.facts.reachesPromptedApi, i, 0);
  return false;
}

export function promptAndContentFacts(): FactDefinition[] {
  return [
    {
      name: 'principal',
      target: 'component',
      valueType: 'string',
      values: [...PRINCIPALS.filter((p) => p !== 'agent'), 'none'],
      description:
        'Who a user component stands for, from Trust and Affiliation: anonymous (trust anonymous), operator (trust privileged), else employee, partner or customer by affiliation; "none" for other types.',
      phrase: 'principal',
      get: (ctx, i) => {
        const p = principalOf(ctx.types[i]!, (name) => ctx.prop(i, name));
        return p < 0 ? 'none' : PRINCIPALS[p]!;
      },
    },
    flowLabelFact(
      'prompters',
      (ctx) => ctx.facts.prompters,
      PRINCIPALS,
      'Principals whose prompts or messages reach this component: users by principal, and `agent` when another agent or LLM application messages it. Prompts pass through applications, models, guards and processes, not through stores, tools, data sources or external services, and not along flows of kind response or update.',
      'principals prompting it',
    ),
    flowLabelFact(
      'prompters.unguarded',
      (ctx) => ctx.facts.promptersUnguarded,
      PRINCIPALS,
      'Like prompters, counting only prompts that reach it without passing an injection guard (a guardrail that catches injection or all, or a validating pipeline).',
      'principals prompting it past no injection guard',
    ),
    flowLabelFact(
      'content.origins',
      (ctx) => ctx.facts.content,
      CONTENT_ORIGINS,
      'Origins of the content that reaches this component: a data source by its origin (user-generated counts as user-upload), an external service (public-web when it serves public content, else third-party-service), an agent tool (tool-output), and agent-output for anything one agent or LLM application sends another. Content passes through stores, not along query or update flows, and not through people.',
      'content origins reaching it',
    ),
    flowLabelFact(
      'content.unguarded',
      (ctx) => ctx.facts.contentUnguarded,
      CONTENT_ORIGINS,
      'Like content.origins, counting only content that reaches it without passing an injection guard.',
      'content origins reaching it past no injection guard',
    ),
    {
      name: 'isModelContext',
      target: 'component',
      valueType: 'boolean',
      description:
        "The component is where prompts enter a model's context: an llm; an inference-api that receives prompts and has no llm drawn behind it; an llm-app or agent with neither an llm nor a prompt-receiving inference-api downstream. Injection and jailbreak findings land here, once per path.",
      phrase: "prompts enter a model's context here",
      get: memoised('isModelContext', (ctx, i) => isModelContext(ctx, i)),
    },
  ];
}
