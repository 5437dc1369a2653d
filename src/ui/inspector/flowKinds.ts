import type { FlowKind } from '../../core';

/**
 * What each flow kind means, in the words of threat-library/README.md ("Flow kinds and local
 * flows"). The inspector shows these so a modeller picks a kind by what the flow does, not by
 * guessing what the engine makes of it.
 */
export const FLOW_KIND_LABELS: Record<FlowKind, string> = {
  message: 'Message — a prompt or message to a model or agent',
  query: 'Query — a look-up answered from what the target holds',
  response: 'Response — the answer to a message or query',
  write: 'Write — content stored or published in the target',
  invoke: 'Invoke — a call that makes the target act (a tool call)',
  update: 'Update — a model, configuration or code delivered to run',
};

export const FLOW_KIND_HELP =
  'What the flow does. A query’s answer does not carry untrusted content on through the target; a response carries content but not prompts; an update carries neither. Leave unset when unsure: the flow then counts as carrying everything.';

export const LOCAL_FLOW_HELP =
  'The flow never leaves one device: keyboard input, a file saved or downloaded, a local pipe. Encryption and authentication in transit do not apply to it.';
