import { describe, expect, it } from 'vitest';
import {
  buildReport,
  evaluate,
  exportMarkdownReport,
  loadLibrary,
  shippedLibrary,
  type Finding,
  type LibraryFile,
} from '../../../src/core/index';
import { bareSources, libraryWith } from '../../support/libraryBuilders';
import { component, flow, model } from '../../support/modelBuilders';

// A small library: two threats that share one mitigation, and rules naming one root cause.
const threat = (id: string, own: string) => ({
  id,
  title: `Threat ${id}`,
  description: 'A threat for tests.',
  likelihood: 'medium',
  impact: 'medium',
  references: { guidelines: [], atlas: [], owaspLlm: [], owaspMl: [], saif: [] },
  mitigations: ['mitigation.shared', own],
});
const mitigation = (id: string, title: string) => ({ id, title, guidance: 'Do it.', guidelines: ['SD-3'] });
const reachable = { fact: 'untrusted.reachable', op: 'eq', value: true };
const cause = {
  id: 'cause.open-door',
  title: 'The door is open',
  description: 'Anyone can walk in, which several threats exploit.',
};
const base = {
  threats: [threat('threat.a', 'mitigation.only-a'), threat('threat.b', 'mitigation.only-b')],
  mitigations: [
    mitigation('mitigation.shared', 'Close the door'),
    mitigation('mitigation.only-a', 'Only for A'),
    mitigation('mitigation.only-b', 'Only for B'),
  ],
  rootCauses: [cause],
};
const rules = [
  {
    id: 'rule.a',
    threat: 'threat.a',
    target: 'component',
    types: ['llm'],
    when: reachable,
    // A is the more severe facet where the model has a system prompt: it leads the group.
    adjust: [{ when: { fact: 'prop.hasSystemPrompt', op: 'eq', value: true }, impact: 1, reason: 'worse' }],
    rootCause: { id: 'cause.open-door' },
  },
  {
    id: 'rule.b',
    threat: 'threat.b',
    target: 'component',
    types: ['llm'],
    when: reachable,
    rootCause: { id: 'cause.open-door', when: { fact: 'prop.hosting', op: 'eq', value: 'provider-api' } },
  },
];

const problemsOf = (file: unknown) => {
  const result = loadLibrary([...bareSources(), { path: 'pack.json', content: file }]);
  return result.ok ? [] : result.problems.map((p) => `${p.file} ${p.path}: ${p.message}`);
};

describe('root causes in the library', () => {
  it('loads root causes named by two rules of one target kind', () => {
    const library = libraryWith({ ...base, rules } as unknown as Partial<LibraryFile>);
    expect(library.rootCauses.get('cause.open-door')).toEqual(cause);
  });

  it('teaches what is wrong with a declaration, with file and JSON path', () => {
    const lines = [
      ...problemsOf({ ...base, rules: [rules[0], { ...rules[1], rootCause: { id: 'cause.ghost' } }] }),
      ...problemsOf({ ...base, rules: [rules[0]] }),
      ...problemsOf({ ...base, rootCauses: [cause, { ...cause, id: 'cause.unused' }], rules }),
      ...problemsOf({
        ...base,
        rules: [
          ...rules,
          {
            id: 'rule.flow',
            threat: 'threat.a',
            target: 'dataFlow',
            rootCause: { id: 'cause.open-door', when: { fact: 'prop.exposure', op: 'eq', value: 'x' } },
          },
        ],
      }),
      ...problemsOf({ ...base, rootCauses: [{ ...cause, id: 'open-door' }], rules }),
      ...problemsOf({ ...base, rootCauses: [cause, cause], rules }),
    ];
    for (const pattern of [
      /^pack\.json \$\.rules\[1\]\.rootCause\.id: no root cause has the id "cause\.ghost": declare it under "rootCauses"/,
      /^pack\.json \$\.rootCauses\[0\]\.id: root cause "cause\.open-door" is named only by rule\.a: .* name it in at least two rules/,
      /^pack\.json \$\.rootCauses\[1\]\.id: root cause "cause\.unused" is named by no rule: add "rootCause": \{ "id": "cause\.unused" \}/,
      /^pack\.json \$\.rules\[2\]\.rootCause\.id: rule\.flow targets dataFlow, but root cause "cause\.open-door" links component findings \(rule\.a\)/,
      /^pack\.json \$\.rules\[2\]\.rootCause\.when\.fact: unknown fact "prop\.exposure" for a dataFlow rule/,
      /^pack\.json \$\.rootCauses\[0\]\.id: must look like "cause\.lower-case-words"/,
      /^pack\.json \$\.rootCauses\[1\]\.id: duplicate root cause id "cause\.open-door"/,
    ])
      expect(
        lines.some((l) => pattern.test(l)),
        `${pattern}\n${lines.join('\n')}`,
      ).toBe(true);
  });

  it('lets a rule pack add a facet to a root cause of the base library', () => {
    const result = loadLibrary(
      [
        {
          path: 'pack.json',
          content: {
            rules: [
              {
                id: 'rule.pack.scores-again',
                threat: 'threat.model-extraction',
                target: 'component',
                types: ['inference-api'],
                when: { fact: 'prop.returnsScores', op: 'eq', value: true },
                rootCause: { id: 'cause.returned-scores' },
              },
            ],
          },
        },
      ],
      { base: shippedLibrary() },
    );
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.rootCauses.get('cause.returned-scores')).toBeDefined();
  });

  it('validates every root cause of the shipped library against its rules', () => {
    const library = shippedLibrary();
    const named = new Map<string, string[]>();
    for (const r of library.rules)
      if (r.rootCause) named.set(r.rootCause.id, [...(named.get(r.rootCause.id) ?? []), r.id]);
    expect([...library.rootCauses.keys()].sort()).toEqual([...named.keys()].sort());
    expect(named.get('cause.returned-scores')?.sort()).toEqual([
      'rule.membership-inference.scores-api',
      'rule.model-extraction.scores-api',
      'rule.model-inversion.exposed-trained-model',
    ]);
  });
});

describe('findings linked by a root cause', () => {
  const library = libraryWith({ ...base, rules } as unknown as Partial<LibraryFile>);
  const doc = model({
    components: [
      component('anon', 'user', { trust: 'anonymous' }),
      component('llm1', 'llm', { hosting: 'provider-api', hasSystemPrompt: true }),
      component('llm2', 'llm', { hosting: 'provider-api' }),
      component('llm3', 'llm', { hosting: 'self-hosted' }),
    ],
    dataFlows: [flow('anon', 'llm1'), flow('anon', 'llm2'), flow('anon', 'llm3')],
    triage: { 'rule.b@llm1': { status: 'accepted', note: 'kept under its own key' } },
  });
  const findings = evaluate(doc, library);
  const on = (target: string) => findings.filter((f) => f.targetId === target);
  const byKey = (key: string) => findings.find((f) => f.key === key)!;

  it('links the findings of one element and keeps their keys, severities and triage', () => {
    const [a, b] = on('llm1') as [Finding, Finding];
    expect([a.key, b.key]).toEqual(['rule.a@llm1', 'rule.b@llm1']);
    expect(a.group).toEqual({
      key: 'cause.open-door@llm1',
      rootCauseId: 'cause.open-door',
      title: 'The door is open',
      description: 'Anyone can walk in, which several threats exploit.',
      members: ['rule.a@llm1', 'rule.b@llm1'],
      primary: 'rule.a@llm1',
    });
    expect(b.group).toBe(a.group);
    expect([a.severity, b.severity]).toEqual(['high', 'medium']);
    expect(b.status).toBe('accepted');
  });

  it('never links findings across elements', () => {
    const groups = new Set(findings.flatMap((f) => (f.group ? [f.group.key] : [])));
    expect(groups).toEqual(new Set(['cause.open-door@llm1', 'cause.open-door@llm2']));
    expect(byKey('rule.a@llm2').group!.members).toEqual(['rule.a@llm2', 'rule.b@llm2']);
    // Equal severities: the first key leads.
    expect(byKey('rule.a@llm2').group!.primary).toBe('rule.a@llm2');
  });

  it('leaves a finding alone when its root cause does not hold or nothing shares it', () => {
    // rule.b shares the cause only on provider-hosted models, so rule.a on llm3 has no sibling.
    expect(on('llm3').map((f) => [f.key, f.group])).toEqual([
      ['rule.a@llm3', undefined],
      ['rule.b@llm3', undefined],
    ]);
    expect(JSON.stringify(byKey('rule.a@llm3'))).not.toContain('"group"');
  });

  it('reports groups in JSON: a link on each member and one entry per group', () => {
    const report = buildReport(doc, library, findings);
    expect(report.findings.find((f) => f.key === 'rule.a@llm1')!.group).toEqual({
      key: 'cause.open-door@llm1',
      primary: true,
    });
    expect(report.findings.find((f) => f.key === 'rule.b@llm1')!.group).toEqual({
      key: 'cause.open-door@llm1',
      primary: false,
    });
    expect(report.findings.find((f) => f.key === 'rule.a@llm3')).not.toHaveProperty('group');
    expect(report.findingGroups).toEqual([
      {
        key: 'cause.open-door@llm1',
        rootCauseId: 'cause.open-door',
        title: 'The door is open',
        description: 'Anyone can walk in, which several threats exploit.',
        targetId: 'llm1',
        targetKind: 'component',
        targetLabel: 'llm1',
        severity: 'high',
        primary: 'rule.a@llm1',
        findings: ['rule.a@llm1', 'rule.b@llm1'],
        sharedMitigations: ['mitigation.shared'],
      },
      expect.objectContaining({ key: 'cause.open-door@llm2', severity: 'medium' }),
    ]);
  });

  it('shares a mitigation only while every member has it in the same state', () => {
    const triaged = {
      ...doc,
      triage: {
        'rule.a@llm2': {
          status: 'open' as const,
          mitigations: { 'mitigation.shared': 'implemented' as const },
        },
      },
    };
    const report = buildReport(triaged, library);
    expect(report.findingGroups.find((g) => g.key === 'cause.open-door@llm2')!.sharedMitigations).toEqual([]);
  });

  it('shows a group together in Markdown under its root cause, shared mitigations once', () => {
    const md = exportMarkdownReport(doc, library, findings);
    const section = md.slice(md.indexOf('### Component: llm1'), md.indexOf('### Component: llm2'));
    const lines = section.split('\n');
    expect(lines).toContain('#### HIGH — Root cause: The door is open');
    expect(lines).toContain(
      '- **2 findings share it:** Threat threat.a (high, open) · Threat threat.b (medium, accepted)',
    );
    expect(lines).toContain('- **Mitigations for all of them:**');
    expect(lines.filter((l) => l.includes('Close the door'))).toHaveLength(1);
    expect(lines).toContain('##### HIGH — Threat threat.a');
    expect(lines).toContain('##### MEDIUM — Threat threat.b');
    expect(lines.filter((l) => l === '- **Further mitigations:**')).toHaveLength(2);
    expect(section.indexOf('Only for A')).toBeLessThan(section.indexOf('Only for B'));
    // A lone finding reads as before: its own heading level and full mitigation list.
    const lone = md.slice(md.indexOf('### Component: llm3'));
    expect(lone).toContain('#### MEDIUM — Threat threat.a');
    expect(lone).not.toContain('Root cause');
    expect(lone.match(/Close the door/g)).toHaveLength(2);
  });
});
