import { loadLibrary, SHIPPED_LIBRARY_SOURCES, type Library, type LibraryFile } from '../../src/core/index';

/** Libraries for rule-engine tests: the shipped catalogue with only the threats and rules a test names. */

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
