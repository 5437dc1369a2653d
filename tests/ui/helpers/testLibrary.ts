import { loadLibrary, SHIPPED_LIBRARY_SOURCES, type Library } from '../../../src/core/index';

/**
 * The shipped catalogue and guidelines plus two small rules, so UI tests do not depend on the
 * threats and rules of the real library (which grow independently).
 */
export function testLibrary(): Library {
  const extra = {
    path: 'tests/ui/test-rules.json',
    content: {
      threats: [
        {
          id: 'threat.unauthenticated-endpoint',
          title: 'Unauthenticated model endpoint',
          description: 'Anyone who can reach the endpoint can query the model.',
          likelihood: 'high',
          impact: 'high',
          references: {
            guidelines: ['DEP-1'],
            atlas: ['AML.T0040'],
            owaspLlm: ['LLM10'],
            owaspMl: ['ML05'],
            saif: ['MRE'],
          },
          mitigations: ['mitigation.require-authentication'],
        },
        {
          id: 'threat.plaintext-flow',
          title: 'Data flow in plain text',
          description: 'Traffic can be read or changed in transit.',
          likelihood: 'medium',
          impact: 'medium',
          references: {
            guidelines: ['DEP-1'],
            atlas: ['AML.T0051.001'],
            owaspLlm: ['LLM01'],
            owaspAgentic: ['ASI07'],
            saif: ['PIJ'],
          },
          mitigations: ['mitigation.encrypt-in-transit'],
        },
      ],
      mitigations: [
        {
          id: 'mitigation.require-authentication',
          title: 'Require authentication',
          guidance: 'Put the endpoint behind authentication.',
          guidelines: ['DEP-1'],
        },
        {
          id: 'mitigation.encrypt-in-transit',
          title: 'Encrypt in transit',
          guidance: 'Use TLS for every flow.',
          guidelines: ['DEP-1', 'SD-3'],
        },
      ],
      rules: [
        {
          id: 'rule.unauthenticated-endpoint',
          threat: 'threat.unauthenticated-endpoint',
          target: 'component',
          types: ['inference-api'],
          when: { fact: 'prop.authenticated', op: 'eq', value: false },
        },
        {
          id: 'rule.plaintext-flow',
          threat: 'threat.plaintext-flow',
          target: 'dataFlow',
          when: { fact: 'encrypted', op: 'eq', value: false },
        },
      ],
    },
  };
  // Only the shipped catalogue and guidelines: the shipped threats and rules change as the library grows.
  const base = SHIPPED_LIBRARY_SOURCES.filter((s) =>
    /(library|guidelines|catalogue\/components)\.json$/.test(s.path),
  );
  const result = loadLibrary([...base, extra]);
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
  return result.value;
}
