import type { References } from '../../core';

/**
 * Public pages for each framework reference. Library ids are validated by pattern when the library
 * loads, and only ids matching the expected shape are linked.
 */
export const GUIDELINES_URL = 'https://www.ncsc.gov.uk/collection/guidelines-secure-ai-system-development';
export const SAIF_RISKS_URL = 'https://saif.google/secure-ai-framework/risks';

const OWASP_LLM_2025: Record<string, [slug: string, title: string]> = {
  LLM01: ['llm012025-prompt-injection', 'Prompt Injection'],
  LLM02: ['llm022025-sensitive-information-disclosure', 'Sensitive Information Disclosure'],
  LLM03: ['llm032025-supply-chain', 'Supply Chain'],
  LLM04: ['llm042025-data-and-model-poisoning', 'Data and Model Poisoning'],
  LLM05: ['llm052025-improper-output-handling', 'Improper Output Handling'],
  LLM06: ['llm062025-excessive-agency', 'Excessive Agency'],
  LLM07: ['llm072025-system-prompt-leakage', 'System Prompt Leakage'],
  LLM08: ['llm082025-vector-and-embedding-weaknesses', 'Vector and Embedding Weaknesses'],
  LLM09: ['llm092025-misinformation', 'Misinformation'],
  LLM10: ['llm102025-unbounded-consumption', 'Unbounded Consumption'],
};

const OWASP_ML_2023: Record<string, string> = {
  ML01: 'Input_Manipulation_Attack',
  ML02: 'Data_Poisoning_Attack',
  ML03: 'Model_Inversion_Attack',
  ML04: 'Membership_Inference_Attack',
  ML05: 'Model_Theft',
  ML06: 'AI_Supply_Chain_Attacks',
  ML07: 'Transfer_Learning_Attack',
  ML08: 'Model_Skewing',
  ML09: 'Output_Integrity_Attack',
  ML10: 'Model_Poisoning',
};

const SAIF_RISKS: Record<string, string> = {
  DP: 'Data Poisoning',
  UTD: 'Unauthorized Training Data',
  MST: 'Model Source Tampering',
  EDH: 'Excessive Data Handling',
  MXF: 'Model Exfiltration',
  MDT: 'Model Deployment Tampering',
  DMS: 'Denial of ML Service',
  MRE: 'Model Reverse Engineering',
  IIC: 'Insecure Integrated Component',
  PIJ: 'Prompt Injection',
  MEV: 'Model Evasion',
  SDD: 'Sensitive Data Disclosure',
  ISD: 'Inferred Sensitive Data',
  IMO: 'Insecure Model Output',
  RA: 'Rogue Actions',
};

export interface ReferenceLink {
  framework: string;
  id: string;
  title: string;
  href: string | null;
}

export function referenceLinks(
  refs: References,
  guidelineTitle: (id: string) => string | undefined = () => undefined,
): ReferenceLink[] {
  const links: ReferenceLink[] = [];
  for (const id of refs.guidelines)
    links.push({
      framework: 'NCSC/CISA',
      id,
      title: guidelineTitle(id) ?? 'Guidelines for secure AI system development',
      href: GUIDELINES_URL,
    });
  for (const id of refs.atlas) {
    links.push({
      framework: 'MITRE ATLAS',
      id,
      title: `ATLAS technique ${id}`,
      href: /^AML\.T\d{4}(\.\d{3})?$/.test(id) ? `https://atlas.mitre.org/techniques/${id}` : null,
    });
  }
  for (const id of refs.owaspLlm) {
    const entry = OWASP_LLM_2025[id];
    links.push({
      framework: 'OWASP LLM 2025',
      id,
      title: entry?.[1] ?? id,
      href: entry ? `https://genai.owasp.org/llmrisk/${entry[0]}/` : 'https://genai.owasp.org/llm-top-10/',
    });
  }
  for (const id of refs.owaspMl) {
    const slug = OWASP_ML_2023[id];
    links.push({
      framework: 'OWASP ML 2023',
      id,
      title: slug?.replace(/_/g, ' ') ?? id,
      href: slug
        ? `https://owasp.org/www-project-machine-learning-security-top-10/docs/${id}_2023-${slug}`
        : 'https://owasp.org/www-project-machine-learning-security-top-10/',
    });
  }
  for (const id of refs.saif)
    links.push({ framework: 'SAIF', id, title: SAIF_RISKS[id] ?? id, href: SAIF_RISKS_URL });
  return links;
}
