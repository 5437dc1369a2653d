import {
  createEmptyDocument,
  loadLibrary,
  parseDocument,
  SHIPPED_LIBRARY_SOURCES,
  type Component,
  type DataFlow,
  type Library,
  type LibraryFile,
  type ThreatModelDocument,
  type TrustBoundary,
} from '../../src/core/index';

/** Tiny builders so that each test states only what matters to it. */
export const component = (
  id: string,
  type: string,
  props: Component['props'] = {},
  boundaryId?: string,
): Component => ({
  id,
  type,
  label: id,
  ...(boundaryId ? { boundaryId } : {}),
  props,
});

export const flow = (
  sourceId: string,
  targetId: string,
  props: DataFlow['props'] = {},
  id = `${sourceId}->${targetId}`,
): DataFlow => ({
  id,
  sourceId,
  targetId,
  label: '',
  props,
});

export const boundary = (id: string, zone: TrustBoundary['zone'], parentId?: string): TrustBoundary => ({
  id,
  label: id,
  zone,
  ...(parentId ? { parentId } : {}),
});

export function model(parts: {
  components?: Component[];
  dataFlows?: DataFlow[];
  trustBoundaries?: TrustBoundary[];
  triage?: ThreatModelDocument['triage'];
}): ThreatModelDocument {
  return { ...createEmptyDocument('test'), ...parts };
}

/** The catalogue and guidelines of the shipped library, with no threats or rules: a blank slate for rule tests. */
export function bareSources() {
  return SHIPPED_LIBRARY_SOURCES.filter((s) => /catalogue|guidelines|library\.json/.test(s.path));
}

/** A library with the shipped catalogue plus the given threats, mitigations and rules. */
export function libraryWith(file: Partial<LibraryFile>): Library {
  const result = loadLibrary([...bareSources(), { path: 'test-pack.json', content: file }]);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return result.value;
}

/** One threat, one mitigation and the given rules: enough to test the engine. */
export function ruleLibrary(rules: unknown[]): Library {
  return libraryWith({
    threats: [
      {
        id: 'threat.test',
        title: 'Test threat',
        description: 'A threat for tests.',
        likelihood: 'medium',
        impact: 'high',
        stride: ['tampering'],
        references: {
          guidelines: ['SD-3'],
          atlas: ['AML.T0051'],
          owaspLlm: ['LLM01'],
          owaspMl: [],
          owaspAgentic: ['ASI01'],
          saif: ['PIJ'],
        },
        mitigations: ['mitigation.test', 'mitigation.org'],
      },
    ],
    mitigations: [
      {
        id: 'mitigation.test',
        title: 'Test mitigation',
        guidance: 'Do it.',
        guidelines: ['SD-3', 'OM-2'],
        controls: [],
      },
      {
        id: 'mitigation.org',
        title: 'Programme mitigation',
        guidance: 'Train people.',
        guidelines: ['SD-1'],
        controls: [],
        organisational: true,
      },
    ],
    rules: rules as LibraryFile['rules'],
  });
}

export function parseOk(raw: unknown, library: Library): ThreatModelDocument {
  const result = parseDocument(raw, { catalogue: library.catalogue });
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return result.value;
}
