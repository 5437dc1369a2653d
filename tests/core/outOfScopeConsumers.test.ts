/**
 * An element marked out of scope keeps its findings computed but counted nowhere: not as SARIF
 * results, not in a model diff, not by `analyze --fail-on`. Each case marks the one component of
 * an example that carries the most findings, so the change is visible in every output.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import {
  buildSarif,
  diffModels,
  evaluate,
  parseDocumentText,
  shippedLibrary,
  type ThreatModelDocument,
} from '../../src/core/index';
import { memoryIo } from '../cli/memoryIo';
import { EXAMPLE } from '../cli/runBinary';

const library = shippedLibrary();
const text = readFileSync(EXAMPLE('public-rag-chatbot.aitm.json'), 'utf8');

function load(source: string): ThreatModelDocument {
  const parsed = parseDocumentText(source, { catalogue: library.catalogue });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

const inScopeDoc = load(text);
const findings = evaluate(inScopeDoc, library);
const counts = new Map<string, number>();
for (const f of findings)
  if (f.targetKind === 'component') counts.set(f.targetId, (counts.get(f.targetId) ?? 0) + 1);
const [target] = [...counts].sort((a, b) => b[1] - a[1])[0]!;

const raw = JSON.parse(text) as { components: { id: string; outOfScope?: { reason: string } }[] };
raw.components.find((c) => c.id === target)!.outOfScope = { reason: 'run by the vendor' };
const outText = JSON.stringify(raw, null, 2);
const outDoc = load(outText);
const outFindings = evaluate(outDoc, library);
const tool = { name: 'aitm' };

describe('out-of-scope elements in SARIF, diff and --fail-on', () => {
  it('the marked element had findings, and still has them flagged out of scope', () => {
    expect(counts.get(target)).toBeGreaterThan(0);
    const flagged = outFindings.filter((f) => f.targetId === target);
    expect(flagged.length).toBe(counts.get(target));
    expect(flagged.every((f) => f.outOfScope)).toBe(true);
  });

  it('SARIF has no result on the out-of-scope element', () => {
    const before = buildSarif(inScopeDoc, library, findings, { tool, modelUri: 'm.json', sourceText: text });
    const after = buildSarif(outDoc, library, outFindings, { tool, modelUri: 'm.json', sourceText: outText });
    const on = (log: typeof before) =>
      log.runs[0]!.results.filter((r) => JSON.stringify(r.locations ?? []).includes(`"${target}"`)).length;
    expect(on(before)).toBeGreaterThan(0);
    expect(on(after)).toBe(0);
  });

  it('a diff reports marking an element out of scope as resolving its findings', () => {
    const diff = diffModels({ doc: inScopeDoc, findings }, { doc: outDoc, findings: outFindings }, library);
    expect(diff.findings.added).toEqual([]);
    const resolvedOnTarget = diff.findings.resolved.filter((r) => JSON.stringify(r).includes(target));
    expect(resolvedOnTarget.length).toBe(counts.get(target));
  });

  it('--fail-on ignores findings of out-of-scope elements', () => {
    // Every element with an open critical finding is marked out of scope: the gate must open.
    const agentText = readFileSync(EXAMPLE('agent-with-tools.aitm.json'), 'utf8');
    const critical = new Set(
      evaluate(load(agentText), library)
        .filter((f) => f.status === 'open' && f.severity === 'critical')
        .map((f) => f.targetId),
    );
    expect(critical.size).toBeGreaterThan(0);
    const agent = JSON.parse(agentText) as Record<
      'components' | 'dataFlows',
      { id: string; outOfScope?: object }[]
    >;
    for (const element of [...agent.components, ...agent.dataFlows])
      if (critical.has(element.id)) element.outOfScope = { reason: 'not ours' };
    const run = (source: string) => {
      const m = memoryIo({ 'm.json': source });
      return main(['analyze', 'm.json', '--fail-on', 'critical', '--out', 'r.json'], m.io);
    };
    expect(run(agentText)).toBe(1);
    expect(run(JSON.stringify(agent))).toBe(0);
  });
});
