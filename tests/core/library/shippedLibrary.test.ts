import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  GRAPH_PROPERTIES,
  loadLibrary,
  OPERATOR_NAMES,
  SHIPPED_LIBRARY_SOURCES,
  shippedLibrary,
  type Condition,
  type LeafCondition,
  type Library,
  type Rule,
} from '../../../src/core/index';

/**
 * Quality gates on the shipped threat library: it loads, every external identifier is real,
 * every guideline is implemented, every threat can fire, and the rule language is exercised.
 */
const validIds = JSON.parse(readFileSync('tests/fixtures/valid-ids.json', 'utf8')) as Record<
  'guidelines' | 'atlas' | 'owaspLlm' | 'owaspMl' | 'owaspAgentic' | 'saif',
  string[]
>;

/** The 23 original SAIF controls (reference §4.5); mitigations name them as "SAIF <control>". */
const SAIF_CONTROLS = [
  'Privacy Enhancing Technologies',
  'Training Data Management',
  'Training Data Sanitization',
  'User Data Management',
  'Model and Data Inventory Management',
  'Model and Data Access Controls',
  'Model and Data Integrity Management',
  'Secure-by-Default ML Tooling',
  'Input Validation and Sanitization',
  'Output Validation and Sanitization',
  'Adversarial Training and Testing',
  'Application Access Management',
  'User Transparency and Controls',
  'Agent/Plugin User Control',
  'Agent/Plugin Permissions',
  'Red Teaming',
  'Vulnerability Management',
  'Threat Detection',
  'Incident Response Management',
  'User Policies and Education',
  'Internal Policies and Education',
  'Product Governance',
  'Risk Governance',
];
/** ATLAS mitigations run from AML.M0000 to AML.M0034 (reference §2.5). */
const isAtlasMitigation = (id: string) => /^AML\.M00([0-2]\d|3[0-4])$/.test(id);

function library(): Library {
  const result = loadLibrary(SHIPPED_LIBRARY_SOURCES);
  if (!result.ok)
    throw new Error(result.problems.map((p) => `${p.file}: ${p.path}: ${p.message}`).join('\n'));
  return result.value;
}

function leaves(condition: Condition | undefined, out: LeafCondition[] = []): LeafCondition[] {
  if (!condition) return out;
  if ('all' in condition) condition.all.forEach((c) => leaves(c, out));
  else if ('any' in condition) condition.any.forEach((c) => leaves(c, out));
  else if ('not' in condition) leaves(condition.not, out);
  else if ('upstream' in condition || 'downstream' in condition) {
    const spec = 'upstream' in condition ? condition.upstream : condition.downstream;
    [spec.where, spec.via, spec.avoiding].forEach((c) => leaves(c, out));
  } else if ('some' in condition) leaves(condition.some.where, out);
  else out.push(condition);
  return out;
}

const ruleLeaves = (rule: Rule) => [
  ...leaves(rule.when),
  ...rule.adjust.flatMap((a) => leaves(a.when)),
  ...rule.byDesign.flatMap((b) => leaves(b.when)),
];

function jsonFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'schema' ? [] : jsonFilesUnder(path);
    return name.endsWith('.json') ? [path.replaceAll('\\', '/')] : [];
  });
}

describe('shipped threat library', () => {
  const lib = library();
  const threats = [...lib.threats.values()];
  const mitigations = [...lib.mitigations.values()];

  it('loads without problems and matches shippedLibrary()', () => {
    expect(shippedLibrary().rules.length).toBe(lib.rules.length);
    expect(threats.length).toBeGreaterThanOrEqual(37);
    expect(mitigations.length).toBeGreaterThanOrEqual(30);
  });

  it('lists every JSON file under threat-library/ (schema/ aside) in SHIPPED_LIBRARY_SOURCES', () => {
    const shipped = new Set(SHIPPED_LIBRARY_SOURCES.map((s) => s.path));
    const onDisk = jsonFilesUnder('threat-library');
    expect(onDisk.filter((f) => !shipped.has(f))).toEqual([]);
    expect([...shipped].filter((f) => !onDisk.includes(f))).toEqual([]);
  });

  it('uses only external ids that exist in the reference', () => {
    const bad: string[] = [];
    for (const t of threats)
      for (const key of ['guidelines', 'atlas', 'owaspLlm', 'owaspMl', 'owaspAgentic', 'saif'] as const)
        for (const id of t.references[key]) if (!validIds[key].includes(id)) bad.push(`${t.id} ${key} ${id}`);
    for (const r of lib.rules)
      for (const refs of [r.references, ...r.adjust.map((a) => a.references)])
        for (const key of ['guidelines', 'atlas', 'owaspLlm', 'owaspMl', 'saif'] as const)
          for (const id of refs?.[key] ?? [])
            if (!validIds[key].includes(id)) bad.push(`${r.id} ${key} ${id}`);
    for (const m of mitigations) {
      for (const g of m.guidelines) if (!validIds.guidelines.includes(g)) bad.push(`${m.id} guideline ${g}`);
      for (const c of m.controls) {
        const known = isAtlasMitigation(c) || (c.startsWith('SAIF ') && SAIF_CONTROLS.includes(c.slice(5)));
        if (!known) bad.push(`${m.id} control ${c}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('implements every guideline with at least two mitigations', () => {
    for (const g of validIds.guidelines) {
      const count = mitigations.filter((m) => m.guidelines.includes(g)).length;
      expect(count, `mitigations implementing ${g}`).toBeGreaterThanOrEqual(2);
    }
  });

  it('names at least one guideline, without repeats, for every mitigation', () => {
    for (const m of mitigations) {
      expect(m.guidelines.length, m.id).toBeGreaterThanOrEqual(1);
      expect(new Set(m.guidelines).size, m.id).toBe(m.guidelines.length);
    }
  });

  it('cites only guidelines that the mitigations a finding suggests implement', () => {
    const implemented = (ids: readonly string[]) =>
      new Set(ids.flatMap((id) => lib.mitigations.get(id)!.guidelines));
    const gaps: string[] = [];
    for (const t of threats) {
      const covered = implemented(t.mitigations);
      for (const g of t.references.guidelines) if (!covered.has(g)) gaps.push(`${t.id} ${g}`);
    }
    // A rule that narrows the mitigation list, or an element-level rule (which drops organisational
    // mitigations), must still cover every guideline its threat cites: findings list both.
    for (const r of lib.rules) {
      const threat = lib.threats.get(r.threat)!;
      const suggested = (r.mitigations ?? threat.mitigations).filter(
        (id) => r.target === 'model' || !lib.mitigations.get(id)!.organisational,
      );
      const covered = implemented(suggested);
      for (const g of threat.references.guidelines) if (!covered.has(g)) gaps.push(`${r.id} ${g}`);
    }
    expect(gaps).toEqual([]);
    const loaded = loadLibrary(SHIPPED_LIBRARY_SOURCES);
    expect(loaded.ok && loaded.warnings).toEqual([]);
  });

  it('cites the Agentic Top 10 only for threats raised on agents, their tools or their memory', () => {
    const agentic = new Set(['agent', 'agent-tool', 'memory-store']);
    for (const t of threats.filter((x) => x.references.owaspAgentic.length > 0))
      for (const r of lib.rules.filter((x) => x.threat === t.id))
        expect(
          r.types?.every((type) => agentic.has(type)),
          `${r.id} cites ${t.references.owaspAgentic}`,
        ).toBe(true);
    for (const id of ['threat.excessive-agency', 'threat.malicious-agent-tool', 'threat.memory-poisoning'])
      expect(lib.threats.get(id)!.references.owaspAgentic.length, id).toBeGreaterThan(0);
  });

  it('files each mitigation by the area of its main (first) guideline', () => {
    const area = {
      SD: 'secure-design',
      DEV: 'secure-development',
      DEP: 'secure-deployment',
      OM: 'secure-operation',
    };
    for (const source of SHIPPED_LIBRARY_SOURCES.filter((s) => s.path.includes('/mitigations/'))) {
      const content = source.content as { mitigations: { id: string; guidelines: string[] }[] };
      for (const m of content.mitigations) {
        const prefix = m.guidelines[0]!.split('-')[0] as keyof typeof area;
        expect(source.path, m.id).toContain(area[prefix]);
      }
    }
  });

  it('gives every threat at least one rule and one mitigation, and uses every mitigation', () => {
    const withRule = new Set(lib.rules.map((r) => r.threat));
    expect(threats.filter((t) => !withRule.has(t.id)).map((t) => t.id)).toEqual([]);
    expect(threats.filter((t) => t.mitigations.length === 0).map((t) => t.id)).toEqual([]);
    const used = new Set([
      ...threats.flatMap((t) => t.mitigations),
      ...lib.rules.flatMap((r) => [...(r.mitigations ?? []), ...r.byDesign.flatMap((b) => b.mitigations)]),
    ]);
    expect(mitigations.filter((m) => !used.has(m.id)).map((m) => m.id)).toEqual([]);
  });

  it('covers the 32 AI threat families of the cross-walk and the classic threats around them', () => {
    const ids = new Set(threats.map((t) => t.id));
    for (const id of [
      'threat.training-data-poisoning',
      'threat.poisoned-pretrained-model',
      'threat.malicious-serialised-model',
      'threat.compromised-ml-dependency',
      'threat.model-artefact-tampering',
      'threat.model-weight-theft',
      'threat.model-extraction',
      'threat.membership-inference',
      'threat.model-inversion',
      'threat.adversarial-evasion',
      'threat.direct-prompt-injection',
      'threat.indirect-prompt-injection',
      'threat.jailbreak',
      'threat.system-prompt-leakage',
      'threat.sensitive-output-disclosure',
      'threat.improper-output-handling',
      'threat.excessive-agency',
      'threat.malicious-agent-tool',
      'threat.rag-poisoning',
      'threat.embedding-inversion',
      'threat.model-denial-of-service',
      'threat.denial-of-wallet',
      'threat.unauthorised-training-data',
      'threat.sensitive-data-in-logs',
      'threat.hallucination-overreliance',
      'threat.feedback-loop-poisoning',
      'threat.memory-poisoning',
      'threat.credential-exposure-via-model-context',
      'threat.third-party-model-provider',
      'threat.exposed-ml-infrastructure',
      'threat.unvetted-model-update',
      'threat.ai-traffic-tampering',
      'threat.unencrypted-boundary-flow',
      'threat.unauthenticated-boundary-flow',
      'threat.unauthenticated-internet-endpoint',
      'threat.unprotected-personal-data-at-rest',
    ])
      expect(ids.has(id), id).toBe(true);
  });

  it('describes each threat in a few sentences and summarises each rule', () => {
    for (const t of threats) {
      const sentences = t.description.split(/(?<=[.!?])\s+(?=[A-Z“])/).length;
      expect(sentences, t.id).toBeGreaterThanOrEqual(2);
      expect(sentences, t.id).toBeLessThanOrEqual(5);
    }
    for (const r of lib.rules) expect(r.summary, r.id).toMatch(/^[A-Z].{20,}\.$/);
  });

  it('uses every operator somewhere in the shipped rules', () => {
    const used = new Set(lib.rules.flatMap((r) => ruleLeaves(r).map((l) => l.op)));
    expect(OPERATOR_NAMES.filter((op) => !used.has(op))).toEqual([]);
  });

  it('uses every family of facts', () => {
    const used = new Set(lib.rules.flatMap((r) => ruleLeaves(r).map((l) => `${r.target}:${l.fact}`)));
    const has = (pattern: RegExp) => [...used].some((f) => pattern.test(f));
    for (const family of [
      /^component:type$/,
      /^component:zone$/,
      /^component:inBoundary$/,
      /^component:isUntrustedOrigin$/,
      /^dataFlow:source\.originKinds$/,
      /^component:untrusted\.reachable$/,
      /^component:untrusted\.unguarded$/,
      /^component:untrusted\.indirect$/,
      /^component:untrusted\.indirectUnguarded$/,
      /^component:untrusted\.origins$/,
      /^component:upstream\.types$/,
      /^component:downstream\.types$/,
      /^component:in\.(types|data)$/,
      /^component:out\.(types|data)$/,
      /^component:agency\.drivenByLlm$/,
      /^component:agency\.drivenByExposedLlm$/,
      /^component:agency\.reachesUnapprovedTool$/,
      /^component:prop\./,
      /^component:set\./,
      /^dataFlow:(data|encrypted|authenticated)$/,
      /^dataFlow:crossesBoundary$/,
      /^dataFlow:crossesZone$/,
      /^dataFlow:sourceZone$/,
      /^dataFlow:targetZone$/,
      /^dataFlow:(source|target)\.prop\./,
      /^trustBoundary:zone$/,
      /^trustBoundary:parentZone$/,
      /^trustBoundary:depth$/,
      /^trustBoundary:contains\.types$/,
      /^model:types$/,
      /^model:componentCount$/,
      /^model:dataFlowCount$/,
      /^model:zones$/,
    ])
      expect(has(family), String(family)).toBe(true);
  });

  it('reads every catalogue property: in some rule (prop.*, source.prop.*, target.prop.*) or in the graph analysis', () => {
    const readByRules = new Set(
      lib.rules.flatMap((r) =>
        ruleLeaves(r).flatMap((l) => {
          const match = /(?:^|\.)prop\.([A-Za-z0-9]+)$/.exec(l.fact);
          return match ? [match[1]!] : [];
        }),
      ),
    );
    const unread = lib.componentTypes.flatMap((t) =>
      t.properties
        .filter((p) => !readByRules.has(p.name) && !GRAPH_PROPERTIES.includes(p.name))
        .map((p) => `${t.id}.${p.name}`),
    );
    expect(unread, 'properties that change no result: read them in a rule or remove them').toEqual([]);
    // GRAPH_PROPERTIES names only properties that exist.
    const declared = new Set(lib.componentTypes.flatMap((t) => t.properties.map((p) => p.name)));
    expect(GRAPH_PROPERTIES.filter((p) => !declared.has(p))).toEqual([]);
  });

  it('uses the expert facts: principals, content origins, model context, flow kinds, paths, rule references', () => {
    const facts = new Set(lib.rules.flatMap((r) => ruleLeaves(r).map((l) => `${r.target}:${l.fact}`)));
    for (const fact of [
      'component:prompters',
      'component:prompters.unguarded',
      'component:content.origins',
      'component:content.unguarded',
      'component:isModelContext',
      'component:in.kinds',
      'dataFlow:local',
      'dataFlow:target.originKinds',
    ])
      expect(facts.has(fact), fact).toBe(true);
    const conditions = (r: Rule) => [
      r.when,
      ...r.adjust.map((a) => a.when),
      ...r.byDesign.map((b) => b.when),
    ];
    const nodes = JSON.stringify(lib.rules.flatMap(conditions));
    for (const node of ['"upstream":', '"downstream":', '"some":', '"maxHops":'])
      expect(nodes.includes(node), node).toBe(true);
    expect(lib.rules.some((r) => r.adjust.some((a) => a.references))).toBe(true);
  });

  it('attaches organisational mitigations only to threats raised at model level', () => {
    const modelThreats = new Set(lib.rules.filter((r) => r.target === 'model').map((r) => r.threat));
    const componentThreats = new Set(lib.rules.filter((r) => r.target !== 'model').map((r) => r.threat));
    for (const t of threats)
      for (const id of t.mitigations)
        if (lib.mitigations.get(id)!.organisational) {
          expect(modelThreats.has(t.id), `${t.id} carries organisational ${id}`).toBe(true);
          expect(componentThreats.has(t.id), `${t.id} carries organisational ${id}`).toBe(false);
        }
    for (const g of ['SD-1', 'SD-2', 'DEV-4', 'DEP-3', 'OM-4'])
      expect(
        mitigations.some((m) => m.organisational && m.guidelines.includes(g)),
        `organisational mitigation for ${g}`,
      ).toBe(true);
  });

  it('guards every model-level rule with the component types present', () => {
    for (const r of lib.rules.filter((rule) => rule.target === 'model'))
      expect(
        leaves(r.when).some((l) => l.fact === 'types'),
        r.id,
      ).toBe(true);
  });
});
