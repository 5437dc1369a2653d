import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { addUserThreat, evaluate, serialiseDocument, setTriage, shippedLibrary } from '../../src/core/index';
import { boundary, component, flow, model } from '../support/modelBuilders';
import { exportFile, openFile } from './helpers/appDriver';
import { browserTest, describeInBrowser } from './helpers/browserTest';

/** The directives of the Content-Security-Policy in the built index.html. */
function builtPolicy(): { html: string; directives: Map<string, string[]> } {
  const html = readFileSync(join(inject('distDir'), 'index.html'), 'utf8');
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
  expect(meta, 'the built page has a CSP meta tag').not.toBeNull();
  const directives = new Map(
    meta![1]!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
  return { html, directives };
}

describe('the built page’s Content-Security-Policy', () => {
  it('allows scripts from the page’s own origin only, no eval, no connections, no remote sources', () => {
    const { html, directives } = builtPolicy();
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    // React Flow positions nodes with style attributes: inline styles are allowed, nothing else.
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    // Exported images are rendered from data: and blob: URLs the page makes itself.
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    const all = [...directives.values()].flat();
    expect(all).not.toContain("'unsafe-eval'");
    expect(all).not.toContain("'wasm-unsafe-eval'");
    expect(all.filter((s) => /^(https?:|wss?:|\*|.*\.\w+$)/.test(s))).toEqual([]);
    for (const [name, sources] of directives)
      if (name !== 'style-src') expect(sources, name).not.toContain("'unsafe-inline'");

    // The policy comes first, and every script is a file of the page's own origin.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\ssrc="\/assets\/[^"]+\.js"/);
      expect(body).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
    const urls = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
    // Besides the built assets, only the files of public/ (icons, manifest), served from the root.
    const publicFiles = readdirSync(join(import.meta.dirname, '../../public')).map((name) => `/${name}`);
    expect(urls.filter((url) => !url.startsWith('/assets/') && !publicFiles.includes(url))).toEqual([]);
  });
});

/** Markup, links, Markdown and Mermaid meant to run script; the page must show them as text. */
const P = {
  img: '<img src=x onerror="window.__pwned=1">',
  script: '<script>window.__pwned=2</script>',
  link: '[click me](javascript:window.__pwned=3)',
  jsUrl: 'javascript:window.__pwned=4',
  mermaid: 'A"]; click A call window.__pwned(5); %%{init: {"securityLevel": "loose"}}%% B["',
  svg: '<svg onload="window.__pwned=6"></svg>',
  iframe: '<iframe src="javascript:window.__pwned=7"></iframe>',
  markdown: '**bold** <b onmouseover="window.__pwned=8">x</b> ![i](x) <a href="javascript:alert(1)">y</a>',
  alert: '<img src=x onerror=alert(document.domain)>',
};

/** The model, and the title of the rule finding whose triage carries payloads. */
function hostileModel(): { text: string; triaged: string } {
  let doc = model({
    title: P.svg,
    trustBoundaries: [
      boundary('tb-1', 'internet', undefined, {
        label: P.iframe,
        description: P.script,
        position: { x: 360, y: 40 },
        size: { width: 320, height: 220 },
      }),
    ],
    components: [
      component('c-user', 'user', {}, undefined, {
        label: P.mermaid,
        description: P.jsUrl,
        position: { x: 0, y: 100 },
      }),
      component('c-api', 'inference-api', {}, 'tb-1', {
        label: P.img,
        description: P.script,
        position: { x: 400, y: 120 },
      }),
    ],
    dataFlows: [flow('c-user', 'c-api', {}, 'f-1', { label: P.link, description: P.jsUrl })],
  });
  doc = { ...doc, meta: { ...doc.meta, description: P.markdown } };
  const finding = evaluate(doc, shippedLibrary()).find((f) => f.targetId === 'c-api')!;
  doc = setTriage(doc, finding.key, { status: 'open', owner: P.script, note: P.alert });
  doc = addUserThreat(doc, {
    id: 'ut-1',
    targetId: 'c-api',
    title: P.alert,
    description: P.link,
    severity: 'critical',
    status: 'open',
    note: P.mermaid,
    mitigations: [{ title: P.img, state: 'suggested' }],
  });
  doc = addUserThreat(doc, { id: 'ut-2', targetId: null, title: P.svg, severity: 'low', status: 'open' });
  return { text: serialiseDocument(doc), triaged: finding.title };
}

/** Records CSP violations from the first script on, before the app runs. */
const RECORD_VIOLATIONS = () => {
  const w = window as unknown as { __violations: string[] };
  w.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
  );
};

describeInBrowser('security in Chromium', () => {
  browserTest(
    'the policy is enforced: inline scripts, inline handlers and blob scripts are refused',
    async ({ harness }) => {
      // Not a watched context: the refusals below are logged as console errors on purpose.
      const unwatched = await harness.browser.newContext();
      const page = await unwatched.newPage();
      await page.addInitScript(RECORD_VIOLATIONS);
      await page.goto(harness.server.url);
      await page.getByRole('heading', { name: 'AI threat modeller' }).waitFor();
      const ran = await page.evaluate(async () => {
        const w = window as unknown as Record<string, unknown>;
        const inline = document.createElement('script');
        inline.textContent = 'window.__inline = 1';
        document.head.append(inline);
        const button = document.createElement('button');
        button.setAttribute('onclick', 'window.__handler = 1');
        document.body.append(button);
        button.click();
        const blob = document.createElement('script');
        blob.src = URL.createObjectURL(new Blob(['window.__blob = 1'], { type: 'text/javascript' }));
        await new Promise((resolve) => {
          blob.onerror = resolve;
          blob.onload = resolve;
          document.head.append(blob);
        });
        return [w['__inline'], w['__handler'], w['__blob']];
      });
      expect(ran).toEqual([undefined, undefined, undefined]);
      // Exactly these three: the app itself never tries dynamic code (zod runs jitless).
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations))
        .toEqual(['script-src-elem inline', 'script-src-attr inline', 'script-src-elem blob']);
      await unwatched.close();
    },
  );

  browserTest(
    'text from a hostile model is shown literally everywhere and runs no script',
    async ({ harness, context, watch }) => {
      const page = await context.newPage();
      await page.addInitScript(RECORD_VIOLATIONS);
      await page.goto(harness.server.url);
      const hostile = hostileModel();
      await openFile(page, 'hostile.aitm.json', hostile.text);
      await expect.poll(() => page.getByRole('textbox', { name: 'Model title' }).inputValue()).toBe(P.svg);

      // Canvas: component and boundary labels as text; the flow label (cut to fit) as SVG text.
      const canvas = page.locator('.react-flow');
      await expect
        .poll(() => canvas.locator('.component-label').allTextContents())
        .toEqual(expect.arrayContaining([P.img, P.mermaid]));
      expect(await canvas.textContent()).toContain(P.iframe);
      expect(await canvas.locator('.flow-label-text').textContent()).toBe(`${P.link.slice(0, 27)}…`);

      // Inspector of the model, then of the component.
      const inspector = page.getByRole('region', { name: 'Inspector' });
      expect(await inspector.getByRole('textbox', { name: 'Description' }).inputValue()).toBe(P.markdown);
      await canvas.locator('.component-label', { hasText: 'img src=x' }).click();
      await expect.poll(() => inspector.getByRole('textbox', { name: 'Label' }).inputValue()).toBe(P.img);
      expect(await inspector.getByRole('textbox', { name: 'Description' }).inputValue()).toBe(P.script);

      // Threat panel: the user threat and a triaged rule finding, expanded.
      const panel = page.getByRole('region', { name: `Findings for ${P.img}` });
      const threat = panel.locator('.finding-card', {
        has: page.locator('.finding-title', { hasText: P.alert }),
      });
      await threat.locator('.finding-summary').click();
      expect(await threat.locator('.finding-title').textContent()).toBe(P.alert);
      expect(await threat.textContent()).toContain(P.link);
      expect(await threat.textContent()).toContain(P.img);
      expect(await threat.getByRole('textbox', { name: 'Note' }).inputValue()).toBe(P.mermaid);
      const triaged = panel.locator('.finding-card', {
        has: page.locator('.finding-title', { hasText: hostile.triaged }),
      });
      await triaged.locator('.finding-summary').click();
      expect(await triaged.getByRole('textbox', { name: 'Owner' }).inputValue()).toBe(P.script);
      expect(await triaged.getByRole('textbox', { name: 'Note' }).inputValue()).toBe(P.alert);

      // Unplaced threats, outline, dashboard, review mode.
      await page.getByRole('button', { name: 'Show all findings' }).click();
      const unplaced = page.getByRole('list', { name: 'Unplaced threats' });
      expect(await unplaced.locator('.unplaced-title').allTextContents()).toEqual([P.svg]);
      await page.getByRole('tab', { name: 'Outline' }).click();
      const outline = page.getByRole('navigation', { name: 'Model outline' });
      expect(await outline.locator('.outline-label').allTextContents()).toEqual(
        expect.arrayContaining([
          `${P.iframe} (internet)`,
          P.img,
          P.mermaid,
          `${P.mermaid} → ${P.img}: ${P.link}`,
        ]),
      );
      await page.getByRole('tab', { name: 'Dashboard' }).click();
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
      await page.locator('body').press('r');
      const review = page.getByRole('region', { name: 'Review findings' });
      await expect.poll(() => review.textContent()).toMatch(/finding 1 of \d+/);
      for (let i = 0; i < 6 && !(await review.textContent())!.includes(P.alert); i++)
        await page.keyboard.press('j');
      expect(await review.textContent()).toContain(P.alert);
      await page.keyboard.press('Escape');

      // The Markdown report escapes it too.
      const markdown = await exportFile(page, 'Markdown report');
      // Markdown: every tag opener and link bracket is backslash-escaped, so it renders as text.
      const fence = /```mermaid\n([\s\S]*?)```/.exec(markdown.text)!;
      const prose = markdown.text.replace(fence[0], '');
      expect(prose).toContain('\\<img src=x');
      expect(prose).not.toMatch(/(^|[^\\])<(img|script|iframe|svg|b)\b/m);
      expect(prose).not.toMatch(/(^|[^\\])\]\(javascript:/m);
      // Mermaid: labels quoted and entity-encoded: no tags, no directives, no click lines.
      expect(fence[1]!.replaceAll('<br/>', '')).not.toMatch(/<|%%\{|^\s*click\b/m);

      // Nothing ran, nothing was injected, nothing was blocked (nothing tried).
      const state = await page.evaluate(() => {
        const all = [...document.querySelectorAll('*')];
        return {
          pwned: (window as unknown as { __pwned?: unknown }).__pwned,
          violations: (window as unknown as { __violations: string[] }).__violations,
          handlers: all.flatMap((el) =>
            [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name),
          ),
          injected: document.querySelectorAll('#root img, #root script, #root iframe, #root b').length,
          scriptLinks: [...document.querySelectorAll('a[href]')].filter((a) =>
            /^\s*javascript:/i.test(a.getAttribute('href')!),
          ).length,
        };
      });
      expect(state).toEqual({ pwned: undefined, violations: [], handlers: [], injected: 0, scriptLinks: 0 });
      expect(watch.dialogs).toEqual([]);
    },
  );
});
