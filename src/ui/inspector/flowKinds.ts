import type { FlowKind } from '../../core';

/**
 * What each flow kind means and does to the analysis, in the words of threat-library/README.md
 * ("Flow kinds and local flows"), so a modeller picks a kind by what the flow does. Option labels
 * stay short (a select box cuts long ones); the help under it explains the kind chosen.
 */
export const FLOW_KIND_LABELS: Record<FlowKind, string> = {
  message: 'message — a prompt or message',
  query: 'query — a look-up',
  response: 'response — an answer',
  write: 'write — stores or publishes',
  invoke: 'invoke — makes the target act',
  update: 'update — delivers a model or code',
};

const FLOW_KIND_MEANINGS: Record<FlowKind, string> = {
  message: 'A prompt or message to a model or agent: carries prompts and content.',
  query:
    'A look-up answered from what the target holds (a vector search, a SQL query, a web request): nothing untrusted travels on through the target.',
  response: 'The answer to a message or query: carries content, but not prompts.',
  write: 'Content stored or published in the target: carries prompts and content.',
  invoke: 'A call that makes the target act, such as a tool call: carries prompts and content.',
  update: 'A model, configuration or code delivered to run: carries neither prompts nor content.',
};

const UNSET_HELP =
  'What the flow does. Not set, it counts as carrying prompts and content; leave it so when unsure.';

export const flowKindHelp = (kind: FlowKind | undefined): string =>
  kind ? FLOW_KIND_MEANINGS[kind] : UNSET_HELP;

export const LOCAL_FLOW_HELP =
  'Keyboard input, a file saved or downloaded, a local pipe: encryption and authentication in transit do not apply to it.';
