import {
  CONTRACT_COMPONENT_TYPES,
  createEmptyDocument,
  ZONES,
  type ThreatModelDocument,
} from '../src/core/index';

/**
 * A synthetic model of `size` components of every type, about two flows per component and nested
 * boundaries, with property values varied so that rules both fire and stay silent. Deterministic.
 */
export function syntheticModel(size: number): ThreatModelDocument {
  const doc = createEmptyDocument(`Synthetic ${size}`);
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const boundaryCount = Math.max(4, Math.round(size / 25));
  for (let b = 0; b < boundaryCount; b++) {
    doc.trustBoundaries.push({
      id: `b${b}`,
      label: `Boundary ${b}`,
      zone: ZONES[b % ZONES.length]!,
      ...(b >= 4 ? { parentId: `b${Math.floor(random() * b)}` } : {}),
    });
  }
  const variants: Record<string, Record<string, boolean | string>[]> = {
    user: [{ trust: 'anonymous' }, { trust: 'authenticated' }],
    'data-source': [{ origin: 'public-web' }, { origin: 'internal', personalData: true }],
    'data-pipeline': [{ validatesData: true }, {}],
    'inference-api': [
      { exposure: 'internet', returnsScores: true },
      { exposure: 'internal', authenticated: true, rateLimited: true },
    ],
    llm: [{ hasSystemPrompt: true }, { hosting: 'self-hosted' }],
    'agent-tool': [{ access: 'execute' }, { access: 'read', humanApproval: true }],
    'pretrained-model': [
      { source: 'public-hub', format: 'pickle' },
      { format: 'safetensors', verified: true },
    ],
    guardrail: [{ direction: 'input' }, { direction: 'output' }],
  };
  for (let i = 0; i < size; i++) {
    const type = CONTRACT_COMPONENT_TYPES[i % CONTRACT_COMPONENT_TYPES.length]!;
    const options = variants[type];
    doc.components.push({
      id: `c${i}`,
      type,
      label: `${type} ${i}`,
      boundaryId: `b${Math.floor(random() * boundaryCount)}`,
      position: { x: (i % 40) * 220, y: Math.floor(i / 40) * 140 },
      props: options ? options[i % options.length]! : {},
    });
  }
  const categories = ['prompts', 'personal-data', 'training-data', 'model-output', 'credentials'] as const;
  for (let i = 0; i < size * 2; i++) {
    const source = Math.floor(random() * size);
    let target = Math.floor(random() * size);
    if (target === source) target = (target + 1) % size;
    doc.dataFlows.push({
      id: `f${i}`,
      sourceId: `c${source}`,
      targetId: `c${target}`,
      label: `flow ${i}`,
      props: {
        encrypted: random() > 0.3,
        authenticated: random() > 0.5,
        data: [categories[i % categories.length]!],
      },
    });
  }
  return doc;
}
