import type { References } from '../../library/librarySchema';

/** "NCSC SD-3; ATLAS AML.T0051.000; OWASP LLM LLM01; SAIF PIJ", leaving out empty lists. */
export function referencesText(refs: References): string {
  const parts: [string, readonly string[]][] = [
    ['NCSC', refs.guidelines],
    ['ATLAS', refs.atlas],
    ['OWASP LLM', refs.owaspLlm],
    ['OWASP ML', refs.owaspMl],
    ['OWASP Agentic', refs.owaspAgentic],
    ['SAIF', refs.saif],
  ];
  return parts
    .filter(([, ids]) => ids.length > 0)
    .map(([name, ids]) => `${name} ${ids.join(', ')}`)
    .join('; ');
}
