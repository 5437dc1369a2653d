import type { Library } from '../../library/loadLibrary';
import type { References } from '../../library/librarySchema';
import { SEVERITIES, type Severity } from '../../model/vocabulary';
import type { Finding } from '../../rules/finding';
import { mdInline } from '../escapeMarkdown';
import { REFERENCE_URLS, referenceLinks } from '../referenceLinks';
import { SARIF_LEVEL, SECURITY_SEVERITY } from './sarifLevels';
import type { SarifReportingDescriptor } from './sarifTypes';

/** Reference kinds as tags (`external/owasp-llm/LLM01`, as CodeQL tags CWEs) and as plain-text labels. */
const REFERENCE_KINDS: readonly [keyof References, tag: string, label: string][] = [
  ['guidelines', 'ncsc-guideline', 'NCSC/CISA guideline'],
  ['atlas', 'atlas', 'MITRE ATLAS'],
  ['owaspLlm', 'owasp-llm', 'OWASP LLM Top 10'],
  ['owaspMl', 'owasp-ml', 'OWASP ML Top 10'],
  ['owaspAgentic', 'owasp-agentic', 'OWASP Agentic Top 10'],
  ['saif', 'saif', 'SAIF'],
];

/** A mitigation as the rule's help lists it. */
interface HelpMitigation {
  id: string;
  title: string;
  guidance?: string;
  guidelines: readonly string[];
}

/**
 * One reportingDescriptor per threat that has results, from the library's threat (or, for a
 * threat users added themselves, from its finding). Its `security-severity` is that of its most
 * severe result in this run: GitHub reads the severity from the rule only, and a rule rated
 * below its worst alert would hide it.
 */
export function sarifRule(
  threatId: string,
  findings: readonly Finding[],
  library: Library,
): SarifReportingDescriptor {
  const first = findings[0]!;
  const threat = library.threats.get(threatId);
  const title = threat?.title ?? first.title;
  const description = threat?.description ?? (first.description || first.title);
  const references = threat?.references ?? first.references;
  const stride = threat?.stride ?? first.stride;
  const severity = mostSevere(findings.map((f) => f.severity));
  const mitigations: HelpMitigation[] = threat
    ? threat.mitigations.map((id) => {
        const m = library.mitigations.get(id);
        return { id, title: m?.title ?? id, guidance: m?.guidance, guidelines: m?.guidelines ?? [] };
      })
    : first.mitigations.map((m) => ({ id: m.id, title: m.title, guidelines: m.guidelines }));
  const links = referenceList(references);
  return {
    id: threatId,
    name: ruleName(title, threatId),
    shortDescription: { text: oneLine(title) },
    fullDescription: { text: description },
    help: {
      text: helpText(description, mitigations, links),
      markdown: helpMarkdown(description, mitigations, references),
    },
    ...(links[0] ? { helpUri: links[0].url } : {}),
    defaultConfiguration: { level: SARIF_LEVEL[severity] },
    properties: {
      tags: [
        'security',
        'ai-threat-model',
        ...(first.origin === 'user' ? ['user-threat'] : []),
        ...stride.map((s) => `stride/${s}`),
        ...links.map((l) => `external/${l.tag}/${l.id}`),
      ],
      'security-severity': SECURITY_SEVERITY[severity],
    },
  };
}

function mostSevere(severities: readonly Severity[]): Severity {
  return SEVERITIES.find((s) => severities.includes(s)) ?? 'low';
}

/** `IndirectPromptInjection`: SARIF wants a name that reads as an identifier. */
function ruleName(title: string, fallback: string): string {
  const words = title.match(/[\p{L}\p{N}]+/gu) ?? [];
  const name = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return name || fallback;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

interface ReferenceLink {
  tag: string;
  label: string;
  id: string;
  url: string;
}

/** Only ids of the library's patterns reach a URL (REFERENCE_URLS falls back to list pages). */
function referenceList(refs: References): ReferenceLink[] {
  const safe = (id: string) => /^[A-Za-z0-9.-]+$/.test(id);
  return REFERENCE_KINDS.flatMap(([kind, tag, label]) =>
    refs[kind].filter(safe).map((id) => ({ tag, label, id, url: REFERENCE_URLS[kind](id) })),
  );
}

function helpText(
  description: string,
  mitigations: readonly HelpMitigation[],
  links: readonly ReferenceLink[],
): string {
  const lines = [description];
  if (mitigations.length > 0) {
    lines.push('', 'Mitigations:');
    for (const m of mitigations) {
      const guidelines = m.guidelines.length > 0 ? ` [${m.guidelines.join(', ')}]` : '';
      lines.push(
        `- ${oneLine(m.title)} (${m.id})${guidelines}${m.guidance ? `: ${oneLine(m.guidance)}` : ''}`,
      );
    }
  }
  if (links.length > 0) {
    lines.push('', 'References:');
    for (const l of links) lines.push(`- ${l.label} ${l.id}: ${l.url}`);
  }
  return lines.join('\n');
}

/** Every piece of library or user text is escaped: a rule pack must not inject links or HTML. */
function helpMarkdown(
  description: string,
  mitigations: readonly HelpMitigation[],
  references: References,
): string {
  const lines = description.split(/\r?\n/).map(mdInline);
  if (mitigations.length > 0) {
    lines.push('', '**Mitigations**', '');
    for (const m of mitigations) {
      const guidelines = referenceLinks({ ...NO_REFERENCES, guidelines: [...m.guidelines] });
      lines.push(
        `- **${mdInline(m.title)}** (${mdInline(m.id)})${guidelines ? ` — ${guidelines}` : ''}${m.guidance ? `: ${mdInline(m.guidance)}` : ''}`,
      );
    }
  }
  const links = referenceLinks(references);
  if (links) lines.push('', `**References:** ${links}`);
  return lines.join('\n');
}

const NO_REFERENCES: References = {
  guidelines: [],
  atlas: [],
  owaspLlm: [],
  owaspMl: [],
  owaspAgentic: [],
  saif: [],
};
