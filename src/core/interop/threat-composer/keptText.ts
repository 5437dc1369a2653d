/**
 * What Threat Composer has and our model has no field for, kept as readable, editable text in
 * the model's and threats' descriptions so that an export writes it back verbatim:
 * - in the model description, after the application description, one section per part of the
 *   workspace (architecture and data-flow descriptions, assumptions, mitigations linked to no
 *   threat, mitigation comments), each under a heading of its own (SECTION);
 * - in a threat's description, the grammar fields, one per line (GRAMMAR_LABELS).
 * A value that would not survive a line-based reading (several lines, or a leading quote) is
 * written as a JSON string, so every value is read back exactly.
 */

export const SECTION = {
  architecture: '## Architecture (Threat Composer)',
  dataflow: '## Data flow (Threat Composer)',
  assumptions: '## Assumptions (Threat Composer)',
  unlinkedMitigations: '## Mitigations linked to no threat (Threat Composer)',
  mitigationComments: '## Mitigation comments (Threat Composer)',
} as const;
export type SectionName = keyof typeof SECTION;

/** The model description split into the application description and the kept sections. */
export interface KeptSections {
  application: string;
  sections: Partial<Record<SectionName, string>>;
}

/**
 * The application description, then `\n\n<heading>\n<body>` for each section with a body. Text
 * is kept exactly (leading and trailing blank lines too), so parseSections gives it back.
 */
export function composeSections(application: string, sections: Partial<Record<SectionName, string>>): string {
  let out = application;
  for (const [name, heading] of Object.entries(SECTION) as [SectionName, string][]) {
    const body = sections[name];
    if (body === undefined || body === '') continue;
    out += `${out === '' ? '' : '\n\n'}${heading}\n${body}`;
  }
  return out;
}

export function parseSections(description: string | undefined): KeptSections {
  const text = description ?? '';
  const markers: { at: number; end: number; name: SectionName }[] = [];
  for (const [name, heading] of Object.entries(SECTION) as [SectionName, string][]) {
    const atStart = text.startsWith(`${heading}\n`);
    const at = atStart ? 0 : text.indexOf(`\n\n${heading}\n`);
    if (at < 0) continue;
    markers.push({ at, end: at + (atStart ? 0 : 2) + heading.length + 1, name });
  }
  markers.sort((a, b) => a.at - b.at);
  const sections: Partial<Record<SectionName, string>> = {};
  markers.forEach((m, i) => {
    sections[m.name] = text.slice(m.end, markers[i + 1]?.at ?? text.length);
  });
  return { application: text.slice(0, markers[0]?.at ?? text.length), sections };
}

/** A value on one line: as it is, or as a JSON string when it has line breaks or starts with a quote. */
export function lineValue(value: string): string {
  return /[\n\r\u2028\u2029]/.test(value) || value.startsWith('"') || value !== value.trim()
    ? JSON.stringify(value)
    : value;
}

/** The inverse of lineValue. */
export function readLineValue(text: string): string {
  if (text.startsWith('"')) {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === 'string') return value;
    } catch {
      // Not one of ours: the text as it is.
    }
  }
  return text;
}

/** `- value` lines, one per item. */
export function bulletList(items: readonly string[]): string {
  return items.map((i) => `- ${lineValue(i)}`).join('\n');
}

export function readBulletList(body: string | undefined): string[] {
  return (body ?? '')
    .split('\n')
    .filter((l) => l.startsWith('- '))
    .map((l) => readLineValue(l.slice(2)));
}

/** `- "key": value` pairs (the key always JSON-quoted, since it may contain a colon). */
export function pairList(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([k, v]) => `- ${JSON.stringify(k)}: ${lineValue(v)}`).join('\n');
}

export function readPairList(body: string | undefined): [string, string][] {
  const out: [string, string][] = [];
  for (const line of (body ?? '').split('\n')) {
    const match = /^- ("(?:[^"\\]|\\.)*"): (.*)$/.exec(line);
    if (!match) continue;
    out.push([readLineValue(match[1]!), readLineValue(match[2]!)]);
  }
  return out;
}

// ---------------------------------------------------------------- grammar

export interface Grammar {
  threatSource?: string;
  prerequisites?: string;
  threatAction?: string;
  threatImpact?: string;
  impactedGoal?: string[];
  impactedAssets?: string[];
}

const TEXT_FIELDS = [
  ['threatSource', 'Threat source'],
  ['prerequisites', 'Prerequisites'],
  ['threatAction', 'Threat action'],
  ['threatImpact', 'Threat impact'],
] as const;
const LIST_FIELDS = [
  ['impactedGoal', 'Impacted goals'],
  ['impactedAssets', 'Impacted assets'],
] as const;

/**
 * The grammar fields as lines of a threat description. Lists are one item a line under their
 * label, so an item may contain commas.
 */
export function grammarLines(grammar: Grammar): string[] {
  const out: string[] = [];
  for (const [field, label] of TEXT_FIELDS) {
    const value = grammar[field];
    if (value !== undefined && value !== '') out.push(`${label}: ${lineValue(value)}`);
  }
  for (const [field, label] of LIST_FIELDS) {
    const values = grammar[field];
    if (values !== undefined && values.length > 0) out.push(`${label}:\n${bulletList(values)}`);
  }
  return out;
}

/** The grammar fields found in a description written by grammarLines (absent fields are absent). */
export function readGrammar(description: string | undefined): Grammar {
  const grammar: Grammar = {};
  const lines = (description ?? '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    for (const [field, label] of TEXT_FIELDS)
      if (line.startsWith(`${label}: `)) grammar[field] = readLineValue(line.slice(label.length + 2));
    for (const [field, label] of LIST_FIELDS) {
      if (line !== `${label}:`) continue;
      const items: string[] = [];
      while (i + 1 < lines.length && lines[i + 1]!.startsWith('- '))
        items.push(readLineValue(lines[++i]!.slice(2)));
      grammar[field] = items;
    }
  }
  return grammar;
}

/** The items of a `Label:` line followed by `- item` lines (as bulletList writes them). */
export function readLabelledList(description: string | undefined, label: string): string[] {
  const lines = (description ?? '').split('\n');
  const at = lines.indexOf(`${label}:`);
  if (at < 0) return [];
  const items: string[] = [];
  for (let i = at + 1; i < lines.length && lines[i]!.startsWith('- '); i++)
    items.push(readLineValue(lines[i]!.slice(2)));
  return items;
}

/** The items of a `Label: a, b` line. */
export function readCommaLine(description: string | undefined, label: string): string[] {
  const line = (description ?? '').split('\n').find((l) => l.startsWith(`${label}: `));
  return line === undefined
    ? []
    : line
        .slice(label.length + 2)
        .split(', ')
        .filter((v) => v !== '');
}

/** The label of a threat's mitigation comments in its description. */
export const MITIGATION_COMMENTS = 'Mitigation comments';

/** The pairs of a `Label:` line followed by `- "key": value` lines (as pairList writes them). */
export function readLabelledPairs(description: string | undefined, label: string): [string, string][] {
  const lines = (description ?? '').split('\n');
  const at = lines.indexOf(`${label}:`);
  if (at < 0) return [];
  let end = at + 1;
  while (end < lines.length && lines[end]!.startsWith('- ')) end++;
  return readPairList(lines.slice(at + 1, end).join('\n'));
}
