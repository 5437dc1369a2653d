import { describe, expect, it } from 'vitest';
import {
  buildReport,
  exportJsonReport,
  exportMarkdownReport,
  mdCell,
  mdInline,
  mermaidDiagram,
  mermaidText,
} from '../../../src/core/index';
import { boundary, component, flow, model } from '../../support/modelBuilders';
import { ruleLibrary } from '../../support/libraryBuilders';

const library = ruleLibrary([
  {
    id: 'rule.c',
    threat: 'threat.test',
    target: 'component',
    types: ['llm'],
    when: { fact: 'untrusted.reachable', op: 'eq', value: true },
  },
  {
    id: 'rule.m',
    threat: 'threat.test',
    target: 'model',
    when: { fact: 'types', op: 'includes', value: 'llm' },
  },
]);
const doc = model({
  trustBoundaries: [boundary('vpc', 'internal'), boundary('inner', 'restricted', 'vpc')],
  components: [
    component('anon', 'user', { trust: 'anonymous' }),
    component('app', 'llm-app', {}, 'vpc'),
    component('llm', 'llm', {}, 'inner'),
  ],
  dataFlows: [flow('anon', 'app', { data: ['prompts'] }, 'f1'), flow('app', 'llm', {}, 'f2')],
  triage: {
    'rule.c@llm': {
      status: 'accepted',
      owner: 'Risk owner',
      note: 'Pilot only;\nreview in Q3',
      mitigations: { 'mitigation.test': 'implemented' },
    },
    'rule.old@gone': { status: 'mitigated', note: 'from an older version' },
  },
});

describe('JSON report', () => {
  const report = JSON.parse(exportJsonReport(doc, library));

  it('follows the public contract', () => {
    expect(Object.keys(report)).toEqual([
      'format',
      'schemaVersion',
      'model',
      'library',
      'summary',
      'findings',
      'guidelineCoverage',
      'orphanedTriage',
      'unplacedThreats',
      'findingGroups',
    ]);
    expect(report).toMatchObject({
      format: 'ai-threat-model-report',
      schemaVersion: 1,
      model: { title: 'test' },
    });
    expect(report.summary).toEqual({
      components: 3,
      dataFlows: 2,
      trustBoundaries: 2,
      findings: 2,
      bySeverity: { critical: 0, high: 2, medium: 0, low: 0 },
      byStatus: { open: 1, mitigated: 0, accepted: 1, 'not-applicable': 0 },
    });
    const finding = report.findings.find((f: { key: string }) => f.key === 'rule.c@llm');
    expect(finding).toMatchObject({
      threatId: 'threat.test',
      targetId: 'llm',
      targetKind: 'component',
      severity: 'high',
      status: 'accepted',
      references: {
        guidelines: ['SD-3', 'OM-2'],
        atlas: ['AML.T0051'],
        owaspLlm: ['LLM01'],
        owaspMl: [],
        owaspAgentic: ['ASI01'],
        saif: ['PIJ'],
      },
      mitigations: [
        {
          id: 'mitigation.test',
          title: 'Test mitigation',
          state: 'implemented',
          guidelines: ['SD-3', 'OM-2'],
        },
      ],
      path: ['anon', 'app', 'llm'],
    });
    expect(report.findings.map((f: { key: string }) => f.key)).toEqual(['rule.c@llm', 'rule.m@model']);
    expect(report.orphanedTriage).toEqual([
      { key: 'rule.old@gone', status: 'mitigated', note: 'from an older version' },
    ]);
  });

  it('reports coverage of all 17 guidelines', () => {
    expect(report.guidelineCoverage).toHaveLength(17);
    expect(report.guidelineCoverage.find((g: { id: string }) => g.id === 'SD-3')).toMatchObject({
      mitigations: 1,
      implemented: 0,
      planned: 1,
      status: 'planned',
    });
    expect(report.guidelineCoverage.find((g: { id: string }) => g.id === 'SD-1')).toMatchObject({
      mitigations: 1,
      implemented: 0,
    });
    expect(report.guidelineCoverage.find((g: { id: string }) => g.id === 'DEV-1')).toMatchObject({
      mitigations: 0,
      status: 'not-applicable',
    });
  });
});

describe('Markdown report', () => {
  const md = exportMarkdownReport(doc, library);

  it('has every section a workshop hands out', () => {
    for (const heading of [
      '# Threat model: test',
      '## Summary',
      '## System diagram',
      '## Component inventory',
      '## Data flows',
      '## Findings',
      '### Component: llm',
      '## Organisational findings',
      '## NCSC/CISA guideline coverage',
      '## Accepted risks',
      '## Orphaned triage',
    ]) {
      expect(md).toContain(`${heading}\n`);
    }
    expect(md).toContain('| Findings | 0 | 2 | 0 | 0 |');
    expect(md).toContain('- **Why:** Test threat — untrusted input reaches it. Path: anon → app → llm.');
    expect(md).toContain('  - [x] Test mitigation (SD-3, OM-2) — implemented');
    expect(md).toContain('[AML.T0051](https://atlas.mitre.org/techniques/AML.T0051)');
    expect(md).toContain(
      '[OWASP LLM01](https://genai.owasp.org/llmrisk/llm01-prompt-injection/), [OWASP ASI01](https://genai.owasp.org/resource/owasp-top-10-for-agentic-applications-for-2026/), [SAIF PIJ]',
    );
    expect(md).toContain('  > Pilot only;\n  > review in Q3');
    expect(md).toContain('| rule.old@gone | mitigated |');
  });

  it('draws boundaries as nested subgraphs', () => {
    expect(mermaidDiagram(doc)).toBe(
      [
        'flowchart LR',
        '  c1["anon<br/>#lt;user#gt;"]',
        '  subgraph b1["vpc (internal)"]',
        '    c2["app<br/>#lt;llm-app#gt;"]',
        '    subgraph b2["inner (restricted)"]',
        '      c3["llm<br/>#lt;llm#gt;"]',
        '    end',
        '  end',
        '  c1 --> c2',
        '  c2 --> c3',
      ].join('\n'),
    );
  });

  it('is linear: a report of many findings builds quickly enough to run in CI', () => {
    const many = model({
      components: Array.from({ length: 2000 }, (_, i) =>
        component(`c${i}`, i % 2 ? 'llm' : 'user', i % 2 ? {} : { trust: 'anonymous' }),
      ),
      dataFlows: Array.from({ length: 1999 }, (_, i) => flow(`c${i}`, `c${i + 1}`)),
    });
    const report = buildReport(many, library);
    expect(report.findings.length).toBe(1001);
  });
});

describe('escaping of user text', () => {
  it.each([
    ['<script>alert(1)</script>', '\\<script\\>alert\\(1\\)\\</script\\>'],
    ['[click](javascript:alert(1))', '\\[click\\]\\(javascript:alert\\(1\\)\\)'],
    ['![x](http://evil/x.png)', '\\!\\[x\\]\\(` http://evil/x.png) `'],
    ['see www.evil.com now', 'see ` www.evil.com ` now'],
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['3.0 beta', '3\\.0 beta'],
    ['a | b', 'a \\| b'],
    ['line\nbreak', 'line break'],
    ['&lt;b&gt;', '&amp;lt;b&amp;gt;'],
    ['`code` *bold* _em_', '\\`code\\` \\*bold\\* \\_em\\_'],
  ])('mdInline(%j)', (input, expected) => {
    expect(mdInline(input)).toBe(expected);
  });

  it('keeps table cells in one column, even around URLs', () => {
    expect(mdCell('http://a|b')).toBe('` http://a%7Cb `');
    expect(mdCell('')).toBe(' ');
  });

  it('keeps Mermaid labels inside their quotes and the block closed', () => {
    const hostile =
      'x"] --> evil\nclick c1 "javascript:alert(1)"\n```\n<img src=x onerror=alert(1)> #quot; |';
    const text = mermaidText(hostile);
    expect(text).not.toMatch(/["<>`|\n]/);
    const d = mermaidDiagram(model({ components: [{ ...component('a', 'user'), label: hostile }] }));
    expect(d.split('\n')).toHaveLength(2);
  });

  it('labels cannot inject into the Markdown report', () => {
    const evil = model({
      meta: { title: '# Owned <img src=x onerror=alert(1)>' },
      components: [
        {
          ...component('anon', 'user', { trust: 'anonymous' }),
          label: '[phish](https://evil.example) | extra | cells',
        },
        { ...component('llm', 'llm'), label: '```\n</div><script>x</script>' },
      ],
      dataFlows: [flow('anon', 'llm')],
    } as never);
    const out = exportMarkdownReport(evil, library);
    expect(out).not.toMatch(/(?<!\\)<(img|script|div|\/div)/i);
    const outsideMermaid = out.replace(/```mermaid[\s\S]*?```/, '');
    expect(outsideMermaid).not.toContain('](https://evil');
    expect(out.match(/^```/gm)).toHaveLength(2);
    const inventoryRow = out.split('\n').find((l) => l.startsWith('| \\[phish'))!;
    expect(inventoryRow.split(/(?<!\\)\|/).length).toBe(6);
  });
});
