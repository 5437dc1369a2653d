import { describe, expect, it } from 'vitest';
import {
  hasOwnReferencePage,
  referenceLinks as markdownReferenceLinks,
  referenceUrl,
  shippedLibrary,
  type References,
} from '../../src/core/index';
import { referenceLinks as panelReferenceLinks } from '../../src/ui/threats/referenceUrls';

const library = shippedLibrary();
const threats = [...library.threats.values()];
const FIELDS = ['guidelines', 'atlas', 'owaspLlm', 'owaspMl', 'owaspAgentic', 'saif'] as const;

/** The [id, url] pairs a Markdown reference list links, read back from the Markdown. */
const markdownPairs = (refs: References) =>
  [...markdownReferenceLinks(refs).matchAll(/\[(?:OWASP |SAIF )?([^\]]+)\]\(([^)]+)\)/g)].map((m) => [
    m[1],
    m[2],
  ]);

describe('reference links', () => {
  it('the shipped library has references of every kind to check', () => {
    for (const field of FIELDS) expect(threats.some((t) => t.references[field].length > 0)).toBe(true);
  });

  it('every id the shipped library references resolves to an https URL, most to a page of their own', () => {
    for (const t of threats)
      for (const field of FIELDS)
        for (const id of t.references[field]) {
          const url = referenceUrl(field, id);
          expect(url, `${t.id} ${field} ${id}`).toMatch(/^https:\/\/[a-z0-9.-]+\/[A-Za-z0-9._~/#-]*$/);
          // The NCSC operation-and-maintenance section and the Agentic Top 10's risks have no page
          // address we are sure of.
          if (!(field === 'guidelines' && id.startsWith('OM-')) && field !== 'owaspAgentic')
            expect(hasOwnReferencePage(field, id), `${field} ${id} has its own page`).toBe(true);
        }
    for (const g of library.guidelines) expect(referenceUrl('guidelines', g.id)).toMatch(/^https:\/\//);
  });

  it('ATLAS mitigations named in mitigation controls link to their own pages', () => {
    const controls = [...library.mitigations.values()].flatMap((m) => m.controls);
    const atlas = controls.filter((c) => /^AML\.M\d{4}$/.test(c));
    expect(atlas.length).toBeGreaterThan(0);
    for (const id of atlas)
      expect(referenceUrl('atlasMitigation', id)).toBe(`https://atlas.mitre.org/mitigations/${id}`);
  });

  it('the threat panel and the Markdown report link every id to the same URL', () => {
    for (const t of threats) {
      const panel = panelReferenceLinks(t.references).map((l) => [l.id, l.href]);
      expect(panel, t.id).toEqual(markdownPairs(t.references));
    }
  });

  it('names Agentic Top 10 risks by their official title and links them to the list page', () => {
    const refs: References = {
      guidelines: [],
      atlas: [],
      owaspLlm: ['LLM06'],
      owaspMl: [],
      owaspAgentic: ['ASI02', 'ASI06'],
      saif: [],
    };
    const list = 'https://genai.owasp.org/resource/owasp-top-10-for-agentic-applications-for-2026/';
    expect(panelReferenceLinks(refs).slice(1)).toEqual([
      { framework: 'OWASP Agentic 2026', id: 'ASI02', title: 'Tool Misuse and Exploitation', href: list },
      { framework: 'OWASP Agentic 2026', id: 'ASI06', title: 'Memory and Context Poisoning', href: list },
    ]);
    expect(markdownReferenceLinks(refs)).toBe(
      `[OWASP LLM06](https://genai.owasp.org/llmrisk/llm062025-excessive-agency/), [OWASP ASI02](${list}), [OWASP ASI06](${list})`,
    );
  });

  it('deep-links each framework the documented way', () => {
    expect(referenceUrl('atlas', 'AML.T0051.001')).toBe('https://atlas.mitre.org/techniques/AML.T0051.001');
    expect(referenceUrl('owaspLlm', 'LLM01')).toBe('https://genai.owasp.org/llmrisk/llm01-prompt-injection/');
    expect(referenceUrl('owaspLlm', 'LLM08')).toBe(
      'https://genai.owasp.org/llmrisk/llm082025-vector-and-embedding-weaknesses/',
    );
    expect(referenceUrl('owaspMl', 'ML01')).toBe(
      'https://owasp.org/www-project-machine-learning-security-top-10/docs/ML01_2023-Input_Manipulation_Attack',
    );
    expect(referenceUrl('saif', 'PIJ')).toBe(
      'https://saif.google/secure-ai-framework/risks#prompt-injection',
    );
    expect(referenceUrl('guidelines', 'DEV-2')).toBe(
      'https://www.ncsc.gov.uk/collection/guidelines-secure-ai-system-development/guidelines/secure-development',
    );
  });

  it('falls back to the list page for an id without a known page, never a made-up address', () => {
    expect(referenceUrl('owaspLlm', 'LLM11')).toBe('https://genai.owasp.org/llm-top-10/');
    expect(referenceUrl('saif', 'constructor')).toBe('https://saif.google/secure-ai-framework/risks');
    expect(referenceUrl('atlas', 'AML.T1/../x')).toBe('https://atlas.mitre.org/techniques');
    expect(referenceUrl('guidelines', 'OM-1')).toBe(
      'https://www.ncsc.gov.uk/collection/guidelines-secure-ai-system-development',
    );
    expect(referenceUrl('owaspAgentic', 'ASI01')).toBe(
      'https://genai.owasp.org/resource/owasp-top-10-for-agentic-applications-for-2026/',
    );
  });
});
