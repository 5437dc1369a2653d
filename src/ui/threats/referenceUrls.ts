import { referenceTitle, referenceUrl, type ReferenceFramework, type References } from '../../core';

/**
 * A finding's references for the threat panel, each with the same public page the Markdown
 * report links (the core's reference table): the id's own page, or its framework's list page.
 */
export interface ReferenceLink {
  framework: string;
  id: string;
  title: string;
  href: string;
}

/** How the panel names each framework, in the order references are listed. */
const FRAMEWORK_NAMES: [field: keyof References & ReferenceFramework, name: string][] = [
  ['guidelines', 'NCSC/CISA'],
  ['atlas', 'MITRE ATLAS'],
  ['owaspLlm', 'OWASP LLM 2025'],
  ['owaspMl', 'OWASP ML 2023'],
  ['owaspAgentic', 'OWASP Agentic 2026'],
  ['saif', 'SAIF'],
];

export function referenceLinks(
  refs: References,
  guidelineTitle: (id: string) => string | undefined = () => undefined,
): ReferenceLink[] {
  return FRAMEWORK_NAMES.flatMap(([field, framework]) =>
    refs[field].map((id) => ({
      framework,
      id,
      title: titleOf(field, id, guidelineTitle),
      href: referenceUrl(field, id),
    })),
  );
}

function titleOf(
  field: keyof References,
  id: string,
  guidelineTitle: (id: string) => string | undefined,
): string {
  if (field === 'guidelines') return guidelineTitle(id) ?? 'Guidelines for secure AI system development';
  if (field === 'atlas') return referenceTitle('atlas', id) ?? `ATLAS technique ${id}`;
  return referenceTitle(field, id) ?? id;
}
