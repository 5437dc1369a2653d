/**
 * The one table of public pages for framework references, used by the Markdown report and the
 * threat panel alike, so both link an id to the same page. Each id gets its own page where the
 * framework has one at a known address; otherwise, and for any id outside the table, the link
 * falls back to the framework's list page rather than a guessed address. Only ids of the expected
 * shape reach a URL, so nothing a user or a pack typed can change where a link points.
 */

import { ATLAS_MITIGATION_NAMES, ATLAS_TECHNIQUE_NAMES } from './atlasNames';

export type ReferenceFramework =
  'guidelines' | 'atlas' | 'atlasMitigation' | 'owaspLlm' | 'owaspMl' | 'owaspAgentic' | 'saif';

interface FrameworkPages {
  /** The framework's own list page: the fallback for any id without a page of its own. */
  list: string;
  /** The page of one id, or undefined when the id has none at a known address. */
  page: (id: string) => string | undefined;
  /** The id's official title, when known. */
  title: (id: string) => string | undefined;
}

const NCSC = 'https://www.ncsc.gov.uk/collection/guidelines-secure-ai-system-development';

/** NCSC/CISA guideline sections by the prefix of our guideline ids. Operation and maintenance has no confirmed page address. */
const NCSC_SECTIONS: Record<string, string | undefined> = {
  SD: 'secure-design',
  DEV: 'secure-development',
  DEP: 'secure-deployment',
  OM: undefined,
};

/** OWASP Top 10 for LLM Applications 2025: page slug and title (LLM01 kept its 2023 slug). */
const OWASP_LLM_2025: Record<string, [slug: string, title: string]> = {
  LLM01: ['llm01-prompt-injection', 'Prompt Injection'],
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

/** OWASP Machine Learning Security Top 10 2023: page slug (`ML01_2023-<slug>`) and title. */
const OWASP_ML_2023: Record<string, [slug: string, title: string]> = {
  ML01: ['Input_Manipulation_Attack', 'Input Manipulation Attack'],
  ML02: ['Data_Poisoning_Attack', 'Data Poisoning Attack'],
  ML03: ['Model_Inversion_Attack', 'Model Inversion Attack'],
  ML04: ['Membership_Inference_Attack', 'Membership Inference Attack'],
  ML05: ['Model_Theft', 'Model Theft'],
  ML06: ['AI_Supply_Chain_Attacks', 'AI Supply Chain Attacks'],
  ML07: ['Transfer_Learning_Attack', 'Transfer Learning Attack'],
  ML08: ['Model_Skewing', 'Model Skewing'],
  ML09: ['Output_Integrity_Attack', 'Output Integrity Attack'],
  ML10: ['Model_Poisoning', 'Model Poisoning'],
};

/**
 * OWASP Top 10 for Agentic Applications 2026: titles only. genai.owasp.org publishes the list as one
 * resource page, with no page per risk at an address we could confirm, so every id links there.
 */
const OWASP_AGENTIC_2026: Record<string, string> = {
  ASI01: 'Agent Goal Hijack',
  ASI02: 'Tool Misuse and Exploitation',
  ASI03: 'Identity and Privilege Abuse',
  ASI04: 'Agentic Supply Chain Vulnerabilities',
  ASI05: 'Unexpected Code Execution',
  ASI06: 'Memory and Context Poisoning',
  ASI07: 'Insecure Inter-Agent Communication',
  ASI08: 'Cascading Failures',
  ASI09: 'Human-Agent Trust Exploitation',
  ASI10: 'Rogue Agents',
};

/** Google SAIF risks: anchor on the risks page and title. */
const SAIF_RISKS: Record<string, [anchor: string, title: string]> = {
  DP: ['data-poisoning', 'Data Poisoning'],
  UTD: ['unauthorized-training-data', 'Unauthorized Training Data'],
  MST: ['model-source-tampering', 'Model Source Tampering'],
  EDH: ['excessive-data-handling', 'Excessive Data Handling'],
  MXF: ['model-exfiltration', 'Model Exfiltration'],
  MDT: ['model-deployment-tampering', 'Model Deployment Tampering'],
  DMS: ['denial-of-ml-service', 'Denial of ML Service'],
  MRE: ['model-reverse-engineering', 'Model Reverse Engineering'],
  IIC: ['insecure-integrated-component', 'Insecure Integrated Component'],
  PIJ: ['prompt-injection', 'Prompt Injection'],
  MEV: ['model-evasion', 'Model Evasion'],
  SDD: ['sensitive-data-disclosure', 'Sensitive Data Disclosure'],
  ISD: ['inferred-sensitive-data', 'Inferred Sensitive Data'],
  IMO: ['insecure-model-output', 'Insecure Model Output'],
  RA: ['rogue-actions', 'Rogue Actions'],
};

// Own properties only: an id like "constructor" must not find Object.prototype members.
const entry = <T>(table: Record<string, T>, id: string): T | undefined =>
  Object.hasOwn(table, id) ? table[id] : undefined;

const ATLAS_TECHNIQUE = /^AML\.T\d{4}(\.\d{3})?$/;
const ATLAS_MITIGATION = /^AML\.M\d{4}$/;

const FRAMEWORKS: Record<ReferenceFramework, FrameworkPages> = {
  guidelines: {
    list: NCSC,
    page: (id) => {
      const section = /^([A-Z]+)-\d+$/.exec(id)?.[1];
      const slug = section === undefined ? undefined : entry(NCSC_SECTIONS, section);
      return slug ? `${NCSC}/guidelines/${slug}` : undefined;
    },
    title: () => undefined,
  },
  atlas: {
    list: 'https://atlas.mitre.org/techniques',
    page: (id) => (ATLAS_TECHNIQUE.test(id) ? `https://atlas.mitre.org/techniques/${id}` : undefined),
    title: (id) => entry(ATLAS_TECHNIQUE_NAMES, id),
  },
  atlasMitigation: {
    list: 'https://atlas.mitre.org/mitigations',
    page: (id) => (ATLAS_MITIGATION.test(id) ? `https://atlas.mitre.org/mitigations/${id}` : undefined),
    title: (id) => entry(ATLAS_MITIGATION_NAMES, id),
  },
  owaspLlm: {
    list: 'https://genai.owasp.org/llm-top-10/',
    page: (id) => {
      const slug = entry(OWASP_LLM_2025, id)?.[0];
      return slug && `https://genai.owasp.org/llmrisk/${slug}/`;
    },
    title: (id) => entry(OWASP_LLM_2025, id)?.[1],
  },
  owaspMl: {
    list: 'https://owasp.org/www-project-machine-learning-security-top-10/',
    page: (id) => {
      const slug = entry(OWASP_ML_2023, id)?.[0];
      return slug && `https://owasp.org/www-project-machine-learning-security-top-10/docs/${id}_2023-${slug}`;
    },
    title: (id) => entry(OWASP_ML_2023, id)?.[1],
  },
  owaspAgentic: {
    list: 'https://genai.owasp.org/resource/owasp-top-10-for-agentic-applications-for-2026/',
    page: () => undefined,
    title: (id) => entry(OWASP_AGENTIC_2026, id),
  },
  saif: {
    list: 'https://saif.google/secure-ai-framework/risks',
    page: (id) => {
      const anchor = entry(SAIF_RISKS, id)?.[0];
      return anchor && `https://saif.google/secure-ai-framework/risks#${anchor}`;
    },
    title: (id) => entry(SAIF_RISKS, id)?.[1],
  },
};

/** The public page of a reference: the id's own page when it has one, else the framework's list page. Always https. */
export function referenceUrl(framework: ReferenceFramework, id: string): string {
  const pages = FRAMEWORKS[framework];
  return pages.page(id) ?? pages.list;
}

/** Whether the id has a page of its own (not just the framework's list page). */
export function hasOwnReferencePage(framework: ReferenceFramework, id: string): boolean {
  return FRAMEWORKS[framework].page(id) !== undefined;
}

/** The official title of a referenced id, when the table knows it. */
export function referenceTitle(framework: ReferenceFramework, id: string): string | undefined {
  return FRAMEWORKS[framework].title(id);
}
