import type { References } from '../library/librarySchema';
import { referenceUrl } from './referenceUrls';

/** The public page of each kind of reference a threat carries, by its field in `references`. */
export const REFERENCE_URLS: Record<keyof References, (id: string) => string> = {
  guidelines: (id) => referenceUrl('guidelines', id),
  atlas: (id) => referenceUrl('atlas', id),
  owaspLlm: (id) => referenceUrl('owaspLlm', id),
  owaspMl: (id) => referenceUrl('owaspMl', id),
  owaspAgentic: (id) => referenceUrl('owaspAgentic', id),
  saif: (id) => referenceUrl('saif', id),
};

/**
 * The links of each references object already written. Findings of one rule share one frozen
 * object (rulePlan.ts), so a 10,000-component report builds each list of links once, not per finding.
 */
const linksOf = new WeakMap<References, string>();

/**
 * References as Markdown links. Only library ids reach this (validated by pattern at load time),
 * never user text, so they can be linked.
 */
export function referenceLinks(refs: References): string {
  // Only frozen objects are cached: an object that can still change could not be.
  if (!Object.isFrozen(refs)) return buildLinks(refs);
  let links = linksOf.get(refs);
  if (links === undefined) {
    links = buildLinks(refs);
    linksOf.set(refs, links);
  }
  return links;
}

function buildLinks(refs: References): string {
  const parts: string[] = [];
  const safe = (id: string) => /^[A-Za-z0-9.-]+$/.test(id);
  for (const g of refs.guidelines.filter(safe)) parts.push(`[${g}](${REFERENCE_URLS.guidelines(g)})`);
  for (const a of refs.atlas.filter(safe)) parts.push(`[${a}](${REFERENCE_URLS.atlas(a)})`);
  for (const l of refs.owaspLlm.filter(safe)) parts.push(`[OWASP ${l}](${REFERENCE_URLS.owaspLlm(l)})`);
  for (const m of refs.owaspMl.filter(safe)) parts.push(`[OWASP ${m}](${REFERENCE_URLS.owaspMl(m)})`);
  for (const a of refs.owaspAgentic.filter(safe))
    parts.push(`[OWASP ${a}](${REFERENCE_URLS.owaspAgentic(a)})`);
  for (const s of refs.saif.filter(safe)) parts.push(`[SAIF ${s}](${REFERENCE_URLS.saif(s)})`);
  return parts.join(', ');
}
