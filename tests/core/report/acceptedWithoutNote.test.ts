import { describe, expect, it } from 'vitest';
import {
  evaluate,
  exportJsonReport,
  exportMarkdownReport,
  parseDocument,
  setTriage,
} from '../../../src/core/index';
import { ruleLibrary } from '../../support/libraryBuilders';
import { component, model } from '../../support/modelBuilders';

/**
 * What the tool does with an accepted risk that has no note. Pinned as it is today: only the
 * Markdown report points it out; the document format, the JSON report and the engine take it as
 * an ordinary triage decision (see also tests/ui/acceptedWithoutNote.test.tsx and the CLI case in
 * tests/cli/main.test.ts).
 */

const library = ruleLibrary([
  { id: 'rule.c', threat: 'threat.test', target: 'component', types: ['inference-api', 'llm'] },
]);
const doc = model({
  components: [component('api', 'inference-api'), component('llm', 'llm')],
  triage: {
    'rule.c@api': { status: 'accepted', owner: 'Ana' },
    'rule.c@llm': { status: 'accepted', note: 'Vendor contract covers it' },
  },
});

const acceptedSection = (md: string) =>
  md.slice(md.indexOf('## Accepted risks'), md.indexOf('\n## ', md.indexOf('## Accepted risks') + 1));

describe('an accepted risk without a note', () => {
  it('is a valid document: the format does not require a justification', () => {
    const result = parseDocument(JSON.parse(JSON.stringify(doc)), { catalogue: library.catalogue });
    expect(result.ok).toBe(true);
  });

  it('the engine reports it accepted and triaged, with no note', () => {
    const finding = evaluate(doc, library).find((f) => f.key === 'rule.c@api')!;
    expect(finding).toMatchObject({ status: 'accepted', triaged: true, owner: 'Ana' });
    expect(finding.note).toBeUndefined();
  });

  it('the Markdown report flags it under Accepted risks, and quotes the note of the other', () => {
    expect(acceptedSection(exportMarkdownReport(doc, library))).toBe(
      [
        '## Accepted risks',
        '',
        '- **Test threat** on api (high) — owner Ana',
        '  > No note recorded: an accepted risk should say why.',
        '- **Test threat** on llm (high)',
        '  > Vendor contract covers it',
        '',
      ].join('\n'),
    );
  });

  it('clearing the note in the editor (an empty note) brings the flag back', () => {
    const cleared = setTriage(doc, 'rule.c@llm', { note: '' });
    expect(cleared.triage['rule.c@llm']).toEqual({ status: 'accepted' });
    expect(acceptedSection(exportMarkdownReport(cleared, library))).toContain(
      '- **Test threat** on llm (high)\n  > No note recorded: an accepted risk should say why.',
    );
  });

  it('a note of only spaces counts as no note', () => {
    const blank = setTriage(doc, 'rule.c@llm', { note: '   ' });
    expect(blank.triage['rule.c@llm']).toEqual({ status: 'accepted', note: '   ' });
    const section = acceptedSection(exportMarkdownReport(blank, library));
    expect(section).toContain(
      '- **Test threat** on llm (high)\n  > No note recorded: an accepted risk should say why.\n',
    );
    expect(section.match(/No note recorded/g)).toHaveLength(2);
  });

  it('the JSON report carries it as accepted with no note and no warning anywhere', () => {
    const report = JSON.parse(exportJsonReport(doc, library)) as {
      summary: { byStatus: Record<string, number> };
      findings: { key: string; status: string; note?: string; owner?: string }[];
    };
    expect(report.summary.byStatus).toEqual({ open: 0, mitigated: 0, accepted: 2, 'not-applicable': 0 });
    const finding = report.findings.find((f) => f.key === 'rule.c@api')!;
    expect(finding).toMatchObject({ status: 'accepted', owner: 'Ana' });
    expect(finding).not.toHaveProperty('note');
    expect(JSON.stringify(report)).not.toMatch(/no note|should say why|justif/i);
  });
});
