import { parseDocument, formatProblems, type Catalogue, type ThreatModelDocument } from '../../core';
import type { BackgroundTasks } from '../work/backgroundTasks';

/**
 * The example models under examples/ offered as templates. Loaded on demand (each is its own chunk)
 * and passed through parseDocument like any other file.
 */
const modules = import.meta.glob<unknown>('../../../examples/*.aitm.json', { import: 'default' });

const KNOWN: Record<string, { title: string; description: string }> = {
  'public-rag-chatbot': {
    title: 'Public RAG chatbot',
    description: 'A public chatbot answering from a retrieval index built from web content.',
  },
  'agent-with-tools': {
    title: 'Agent with tools',
    description: 'An agent that plans and calls tools with real permissions.',
  },
  'fine-tuning-pipeline': {
    title: 'Fine-tuning pipeline',
    description: 'Data collection, fine-tuning, evaluation and release of a model.',
  },
  'ml-scoring-service': {
    title: 'ML scoring service',
    description: 'A classic machine-learning model scoring requests behind an API.',
  },
  'multi-agent-research-assistant': {
    title: 'Multi-agent research assistant',
    description:
      'An orchestrator delegating to agents, with MCP servers of mixed provenance and shared memory.',
  },
  'edge-vision-federated': {
    title: 'Edge vision fleet',
    description: 'Street cameras running a vision model, with federated learning and over-the-air updates.',
  },
  'ai-threat-modeller': {
    title: 'This tool',
    description: 'The threat model of this editor and its CLI, made with this tool.',
  },
};

export interface Template {
  id: string;
  title: string;
  description: string;
  load: () => Promise<unknown>;
}

export const TEMPLATES: Template[] = Object.entries(modules)
  .map(([path, load]) => {
    const id = path.replace(/^.*\//, '').replace(/\.aitm\.json$/, '');
    const known = KNOWN[id];
    const title = known?.title ?? id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
    return { id, title, description: known?.description ?? '', load };
  })
  .sort(
    (a, b) =>
      (a.id in KNOWN ? Object.keys(KNOWN).indexOf(a.id) : 99) -
      (b.id in KNOWN ? Object.keys(KNOWN).indexOf(b.id) : 99),
  );

/** Loads a template; one without positions is laid out by the background tasks (the worker). */
export async function loadTemplate(
  template: Template,
  catalogue: Catalogue,
  tasks: BackgroundTasks,
): Promise<{ ok: true; document: ThreatModelDocument } | { ok: false; message: string }> {
  const result = parseDocument(await template.load(), { catalogue });
  if (!result.ok)
    return {
      ok: false,
      message: `The example "${template.title}" is invalid:\n${formatProblems(`${template.id}.aitm.json`, result.problems, 10)}`,
    };
  // Loaded with the example, not with the start screen: the first paint does not need the layout code.
  const { needsLayout } = await import('../canvas/autoLayout');
  if (!needsLayout(result.value)) return { ok: true, document: result.value };
  const laidOut = await tasks.run(`Laying out ${template.title}`, { kind: 'layout', document: result.value });
  return { ok: true, document: laidOut.document };
}
