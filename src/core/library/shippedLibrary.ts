import library from '../../../threat-library/library.json' with { type: 'json' };
import guidelines from '../../../threat-library/guidelines.json' with { type: 'json' };
import components from '../../../threat-library/catalogue/components.json' with { type: 'json' };
import dataAndTraining from '../../../threat-library/threats/data-and-training.json' with { type: 'json' };
import modelsAndSupplyChain from '../../../threat-library/threats/models-and-supply-chain.json' with { type: 'json' };
import llmApplications from '../../../threat-library/threats/llm-applications.json' with { type: 'json' };
import agents from '../../../threat-library/threats/agents.json' with { type: 'json' };
import infrastructure from '../../../threat-library/threats/infrastructure.json' with { type: 'json' };
import organisational from '../../../threat-library/threats/organisational.json' with { type: 'json' };
import secureDesign from '../../../threat-library/mitigations/secure-design.json' with { type: 'json' };
import secureDevelopment from '../../../threat-library/mitigations/secure-development.json' with { type: 'json' };
import secureDeployment from '../../../threat-library/mitigations/secure-deployment.json' with { type: 'json' };
import secureOperation from '../../../threat-library/mitigations/secure-operation.json' with { type: 'json' };
import componentRules from '../../../threat-library/rules/component.json' with { type: 'json' };
import dataFlowRules from '../../../threat-library/rules/data-flow.json' with { type: 'json' };
import trustBoundaryRules from '../../../threat-library/rules/trust-boundary.json' with { type: 'json' };
import modelRules from '../../../threat-library/rules/model.json' with { type: 'json' };
import rootCauses from '../../../threat-library/root-causes.json' with { type: 'json' };
import type { LibrarySource } from './libraryFile';
import { loadLibrary, type Library } from './loadLibrary';

/**
 * The library shipped with the tool, bundled as data. Listed file by file (the core cannot read
 * directories); a test fails when a JSON file under threat-library/ is missing from this list.
 */
export const SHIPPED_LIBRARY_SOURCES: readonly LibrarySource[] = [
  { path: 'threat-library/library.json', content: library },
  { path: 'threat-library/guidelines.json', content: guidelines },
  { path: 'threat-library/catalogue/components.json', content: components },
  { path: 'threat-library/threats/data-and-training.json', content: dataAndTraining },
  { path: 'threat-library/threats/models-and-supply-chain.json', content: modelsAndSupplyChain },
  { path: 'threat-library/threats/llm-applications.json', content: llmApplications },
  { path: 'threat-library/threats/agents.json', content: agents },
  { path: 'threat-library/threats/infrastructure.json', content: infrastructure },
  { path: 'threat-library/threats/organisational.json', content: organisational },
  { path: 'threat-library/mitigations/secure-design.json', content: secureDesign },
  { path: 'threat-library/mitigations/secure-development.json', content: secureDevelopment },
  { path: 'threat-library/mitigations/secure-deployment.json', content: secureDeployment },
  { path: 'threat-library/mitigations/secure-operation.json', content: secureOperation },
  { path: 'threat-library/rules/component.json', content: componentRules },
  { path: 'threat-library/rules/data-flow.json', content: dataFlowRules },
  { path: 'threat-library/rules/trust-boundary.json', content: trustBoundaryRules },
  { path: 'threat-library/rules/model.json', content: modelRules },
  { path: 'threat-library/root-causes.json', content: rootCauses },
];

let cached: Library | undefined;

/**
 * The shipped library, loaded once. Its files are our own build's data, validated by tests
 * (shippedLibrary.test.ts), so they skip the schema check that rule packs get; references and
 * rules are still cross-checked and compiled. Throws only if the shipped data itself is broken.
 */
export function shippedLibrary(): Library {
  if (cached) return cached;
  const result = loadLibrary(SHIPPED_LIBRARY_SOURCES, { trusted: true });
  if (!result.ok) {
    throw new Error(
      `The shipped threat library is invalid:\n${result.problems.map((p) => `${p.file ?? ''}: ${p.path}: ${p.message}`).join('\n')}`,
    );
  }
  cached = result.value;
  return cached;
}
