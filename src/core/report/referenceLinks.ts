import type { References } from '../library/librarySchema';

/** Public pages of the frameworks our references point to. */
export const REFERENCE_URLS = {
  guidelines: () => 'https://www.ncsc.gov.uk/collection/guidelines-secure-ai-system-development',
  atlas: (id: string) => `https://atlas.mitre.org/techniques/${id}`,
  owaspLlm: () => 'https://genai.owasp.org/llm-top-10/',
  owaspMl: () => 'https://owasp.org/www-project-machine-learning-security-top-10/',
  saif: () => 'https://saif.google/secure-ai-framework/risks',
} as const;

/**
 * References as Markdown links. Only library ids reach this (validated by pattern at load time),
 * never user text, so they can be linked.
 */
export function referenceLinks(refs: References): string {
  const parts: string[] = [];
  const safe = (id: string) => /^[A-Za-z0-9.-]+$/.test(id);
  for (const g of refs.guidelines.filter(safe)) parts.push(`[${g}](${REFERENCE_URLS.guidelines()})`);
  for (const a of refs.atlas.filter(safe)) parts.push(`[${a}](${REFERENCE_URLS.atlas(a)})`);
  for (const l of refs.owaspLlm.filter(safe)) parts.push(`[OWASP ${l}](${REFERENCE_URLS.owaspLlm()})`);
  for (const m of refs.owaspMl.filter(safe)) parts.push(`[OWASP ${m}](${REFERENCE_URLS.owaspMl()})`);
  for (const s of refs.saif.filter(safe)) parts.push(`[SAIF ${s}](${REFERENCE_URLS.saif()})`);
  return parts.join(', ');
}
