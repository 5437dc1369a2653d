// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  evaluate,
  findingBadges,
  parseDocumentText,
  renderDiagramSvg,
  shippedLibrary,
  type ThreatModelDocument,
} from '../../../src/core/index';
import { syntheticModel } from '../../../bench/syntheticModel';
import { expectLinearTime } from '../../support/growth';
import { apiModel, boundary, component, flow, model } from '../../support/modelBuilders';

const library = shippedLibrary();

function example(name: string): ThreatModelDocument {
  // jsdom's import.meta.url is not a file URL: the examples are found from the project root.
  const path = join(process.cwd(), 'examples', `${name}.aitm.json`);
  const parsed = parseDocumentText(readFileSync(path, 'utf8'), { catalogue: library.catalogue });
  if (!parsed.ok) throw new Error(`${name} does not load`);
  return parsed.value;
}

/** Parses as XML the way an SVG viewer does; a parse error fails the test with its message. */
function parseSvg(svg: string): Document {
  const xml = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const error = xml.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`not well-formed XML: ${error.textContent}`);
  return xml;
}

const HOSTILE =
  'A <b>&amp; "quoted" \'single\' </text><script>alert(1)</script>\u0007\u202eevil\u2066x\u0000';

describe('renderDiagramSvg', () => {
  it('draws a standalone SVG: namespace, size, viewBox, one path and one label per flow, an arrowhead marker', () => {
    const doc = example('public-rag-chatbot');
    const svg = renderDiagramSvg(doc, { types: library.catalogue.types });
    const xml = parseSvg(svg);
    const root = xml.documentElement;
    expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(Number(root.getAttribute('width'))).toBeGreaterThan(400);
    expect(Number(root.getAttribute('height'))).toBeGreaterThan(200);
    expect(root.getAttribute('viewBox')!.split(' ')).toHaveLength(4);
    const flows = [...xml.querySelectorAll('path.flow')];
    expect(flows.map((p) => p.getAttribute('data-id'))).toEqual(doc.dataFlows.map((f) => f.id));
    for (const p of flows) {
      expect(p.getAttribute('marker-end')).toBe('url(#aitm-arrow)');
      expect(p.getAttribute('d')).toMatch(/^M[-\d.]+ [-\d.]+([HV][-\d.]+)+$/);
    }
    expect(xml.querySelectorAll('marker#aitm-arrow path')).toHaveLength(1);
    const labelled = doc.dataFlows.filter((f) => f.label !== '');
    expect(xml.querySelectorAll('g.flow-label rect').length).toBe(labelled.length);
    expect([...xml.querySelectorAll('g.component')].map((g) => g.getAttribute('data-id'))).toEqual(
      doc.components.map((c) => c.id),
    );
    expect(svg).not.toMatch(/foreignObject|<script|<style|href=|@import|url\((?!#aitm-arrow\))/i);
  });

  it('attaches each flow to the nearest sides of its two boxes', () => {
    const doc = model({
      components: [
        component('a', 'user', {}, undefined, { position: { x: 0, y: 0 } }),
        component('b', 'llm', {}, undefined, { position: { x: 400, y: 0 } }),
        component('c', 'llm', {}, undefined, { position: { x: 0, y: 300 } }),
      ],
      dataFlows: [flow('a', 'b', {}, 'ab'), flow('a', 'c', {}, 'ac')],
    });
    const xml = parseSvg(renderDiagramSvg(doc));
    // a is 184 × 64 at the origin: a → b leaves its right side for b's left side, a → c its bottom for c's top.
    expect(xml.querySelector('path[data-id="ab"]')!.getAttribute('d')).toBe('M184 32H400');
    expect(xml.querySelector('path[data-id="ac"]')!.getAttribute('d')).toBe('M92 64V300');
  });

  it('draws nested boundaries outer first, with label, zone tag and the zone colour', () => {
    const doc = model({
      trustBoundaries: [
        boundary('inner', 'restricted', 'outer', {
          label: 'Vault',
          position: { x: 40, y: 60 },
          size: { width: 300, height: 200 },
        }),
        boundary('outer', 'internet', undefined, {
          label: 'Public',
          position: { x: 0, y: 0 },
          size: { width: 600, height: 400 },
        }),
      ],
      components: [component('x', 'user', {}, 'inner', { position: { x: 80, y: 120 } })],
    });
    const xml = parseSvg(renderDiagramSvg(doc));
    const groups = [...xml.querySelectorAll('g.boundary')];
    expect(groups.map((g) => g.getAttribute('data-id'))).toEqual(['outer', 'inner']);
    expect(groups.map((g) => [...g.querySelectorAll('text')].map((t) => t.textContent))).toEqual([
      ['Public', 'internet'],
      ['Vault', 'restricted'],
    ]);
    expect(groups[0]!.querySelector('rect')!.getAttribute('stroke')).toBe('#d9485f');
    expect(groups[1]!.querySelector('rect')!.getAttribute('stroke')).toBe('#6a3fc2');
  });

  it('keeps hostile labels as text: escaped for XML, controls and bidi overrides removed', () => {
    const doc = model({
      title: HOSTILE,
      trustBoundaries: [
        boundary('b', 'dmz', undefined, {
          label: HOSTILE,
          position: { x: 0, y: 0 },
          size: { width: 900, height: 400 },
        }),
      ],
      components: [
        component('a', 'user', {}, 'b', { label: HOSTILE, position: { x: 20, y: 60 } }),
        component('z', 'no-such-type', {}, undefined, {
          label: '"><svg onload=alert(1)>',
          position: { x: 500, y: 500 },
        }),
      ],
      dataFlows: [flow('a', 'z', {}, 'f', { label: HOSTILE })],
    });
    const svg = renderDiagramSvg(doc);
    const xml = parseSvg(svg);
    expect(xml.querySelectorAll('script')).toHaveLength(0);
    expect(xml.querySelectorAll('b')).toHaveLength(0);
    expect(xml.documentElement.querySelectorAll('svg')).toHaveLength(0);
    expect(
      [...xml.querySelectorAll('*')].flatMap((e) => e.getAttributeNames()).filter((n) => /^on/i.test(n)),
    ).toEqual([]);
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(svg).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202a-\u202e\u2066-\u2069]/);
    expect(xml.querySelector('title')!.textContent).toContain(
      'A <b>&amp; "quoted" \'single\' </text><script>',
    );
    const flowText = xml.querySelector('g.flow-label text')!.textContent!;
    expect(flowText.startsWith('A <b>&amp;')).toBe(true);
    expect(svg).toContain('&lt;script&gt;');
    const lines = [...xml.querySelectorAll('g.component[data-id="z"] tspan')].map((t) => t.textContent);
    expect(lines.join(' ')).toBe('"><svg onload=alert(1)>');
  });

  it('wraps a long component label to two lines and cuts the rest with an ellipsis', () => {
    const doc = model({
      components: [
        component('a', 'llm', {}, undefined, {
          label: 'Support retrieval index for the product knowledge base and every forum thread',
          position: { x: 0, y: 0 },
        }),
      ],
    });
    const lines = [...parseSvg(renderDiagramSvg(doc)).querySelectorAll('g.component tspan')].map(
      (t) => t.textContent!,
    );
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('Support retrieval');
    expect(lines[1]!.endsWith('…')).toBe(true);
  });

  it('draws badges coloured by the top open severity, from the findings of an evaluation', () => {
    const doc = apiModel();
    const findings = evaluate(doc, library);
    const badges = findingBadges(findings);
    const open = findings.filter((f) => f.targetId === 'c-api' && f.status === 'open');
    expect(open.length).toBeGreaterThan(0);
    expect(badges.get('c-api')!.open).toBe(open.length);
    const xml = parseSvg(renderDiagramSvg(doc, { badges }));
    const badge = xml.querySelector('g.badge[data-id="c-api"]')!;
    expect(badge.querySelector('text')!.textContent).toBe(String(open.length));
    expect(badge.getAttribute('data-severity')).toBe(badges.get('c-api')!.severity);
    const colours = { critical: '#a3120c', high: '#c2410c', medium: '#9a6100', low: '#3c6e9c' } as const;
    expect(badge.querySelector('rect')!.getAttribute('fill')).toBe(colours[badges.get('c-api')!.severity]);
    // No badge without open findings.
    expect(findingBadges(findings.map((f) => ({ ...f, status: 'mitigated' as const }))).size).toBe(0);
  });

  it('is deterministic, and the dark theme changes colours only', () => {
    const doc = example('multi-agent-research-assistant');
    const options = { badges: findingBadges(evaluate(doc, library)), types: library.catalogue.types };
    const light = renderDiagramSvg(doc, options);
    expect(renderDiagramSvg(structuredClone(doc), options)).toBe(light);
    const dark = renderDiagramSvg(doc, { ...options, theme: 'dark' });
    expect(dark).not.toBe(light);
    const shapes = (svg: string) => svg.replace(/#[0-9a-f]{6}/g, '#');
    expect(shapes(dark)).toBe(shapes(light));
    expect(dark).toContain('fill="#171a20"');
  });

  it('lays out a model without positions on a grid, boundaries around their members', () => {
    const doc = model({
      trustBoundaries: [boundary('outer', 'internal'), boundary('inner', 'restricted', 'outer')],
      components: [
        component('a', 'user'),
        component('b', 'llm', {}, 'outer'),
        component('c', 'vector-store', {}, 'inner'),
      ],
      dataFlows: [flow('a', 'b'), flow('b', 'c')],
    });
    const xml = parseSvg(renderDiagramSvg(doc));
    const rect = (selector: string) => {
      const r = xml.querySelector(`${selector} rect`)!;
      const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((n) => Number(r.getAttribute(n)));
      return { x: x!, y: y!, right: x! + w!, bottom: y! + h! };
    };
    const inside = (inner: ReturnType<typeof rect>, outer: ReturnType<typeof rect>) =>
      inner.x > outer.x && inner.y > outer.y && inner.right < outer.right && inner.bottom < outer.bottom;
    expect(inside(rect('g.component[data-id="b"]'), rect('g.boundary[data-id="outer"]'))).toBe(true);
    expect(inside(rect('g.component[data-id="c"]'), rect('g.boundary[data-id="inner"]'))).toBe(true);
    expect(inside(rect('g.boundary[data-id="inner"]'), rect('g.boundary[data-id="outer"]'))).toBe(true);
    expect(inside(rect('g.component[data-id="a"]'), rect('g.boundary[data-id="outer"]'))).toBe(false);
    expect(xml.querySelectorAll('path.flow')).toHaveLength(2);
  });

  it('draws an empty model as a small valid SVG', () => {
    const xml = parseSvg(renderDiagramSvg(model()));
    expect(xml.documentElement.getAttribute('width')).toBe('320');
    expect(xml.querySelectorAll('path.flow')).toHaveLength(0);
  });

  it('draws 10,000 components and 20,000 flows in linear time', () => {
    // Timed at 1,250 and 10,000 components: about 8 times as long, not 64 (tests/support/growth.ts).
    const svg = expectLinearTime(
      'SVG diagram',
      (n) => {
        const doc = syntheticModel(n);
        return () => renderDiagramSvg(doc, { types: library.catalogue.types });
      },
      10_000,
    );
    expect(svg.match(/<path class="flow"/g)).toHaveLength(20_000);
    expect(svg.match(/<g class="component"/g)).toHaveLength(10_000);
  });
});
