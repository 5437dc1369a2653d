import { readdirSync, readFileSync } from 'node:fs';
import { createServer, get, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { addUserThreat, evaluate, serialiseDocument, setTriage, shippedLibrary } from '../../src/core/index';
import { boundary, component, flow, model } from '../support/modelBuilders';
import { exportFile, openFile, openModel } from './helpers/appDriver';
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
    // WebSockets only (live workshops, to a server chosen at run time): no http(s) connections.
    expect(directives.get('connect-src')).toEqual(['ws:', 'wss:']);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    // React Flow positions nodes with style attributes: inline styles are allowed, nothing else.
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    // Exported images are rendered from data: and blob: URLs the page makes itself.
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    // Trusted Types: every HTML, script and script-URL sink refuses strings, and no policy that
    // could turn a string into trusted markup may be created (the app needs none).
    expect(directives.get('require-trusted-types-for')).toEqual(["'script'"]);
    expect(directives.get('trusted-types')).toEqual(['aitm-worker']);
    const all = [...directives.values()].flat();
    expect(all).not.toContain("'unsafe-eval'");
    expect(all).not.toContain("'wasm-unsafe-eval'");
    const withoutConnect = [...directives].filter(([name]) => name !== 'connect-src').flatMap(([, v]) => v);
    expect(withoutConnect.filter((s) => /^(https?:|wss?:|\*|.*\.\w+$)/.test(s))).toEqual([]);
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

/** The response headers SECURITY.md's nginx block makes a hosted copy send (its `add_header` lines). */
function documentedHostingHeaders(): Record<string, string> {
  const security = readFileSync(join(import.meta.dirname, '../../SECURITY.md'), 'utf8');
  const nginx = /## Hosting[\s\S]*?```nginx\n([\s\S]*?)```/.exec(security);
  expect(nginx, 'SECURITY.md has a Hosting section with an nginx block').not.toBeNull();
  const lines = [...nginx![1]!.matchAll(/^\s*add_header (\S+) "([^"]*)" always;$/gm)];
  return Object.fromEntries(lines.map(([, name, value]) => [name!.toLowerCase(), value!]));
}

/** A copy of the app "hosted" with `headers`: a proxy in front of the harness's static server. */
function hostedCopy(upstream: string, headers: Record<string, string>) {
  const server = createServer((req, res) => {
    get(new URL(req.url ?? '/', upstream), (answer) => {
      const passed: IncomingHttpHeaders = { ...answer.headers, ...headers };
      res.writeHead(answer.statusCode ?? 502, passed);
      answer.pipe(res);
    });
  });
  return new Promise<{ url: string; close: () => Promise<void> }>((done) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      done({
        url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`,
        close: () => new Promise((closed) => server.close(() => closed())),
      });
    }),
  );
}

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

/**
 * Records CSP violations from the first script on, before the app runs: the directive, what was
 * blocked and, for a Trusted Types sink, which one (`HTMLScriptElement src`).
 */
const RECORD_VIOLATIONS = () => {
  const w = window as unknown as { __violations: string[] };
  w.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    w.__violations.push(
      [e.violatedDirective, e.blockedURI, e.blockedURI === 'trusted-types-sink' ? e.sample.split('|')[0] : '']
        .filter(Boolean)
        .join(' '),
    ),
  );
};

describeInBrowser('security in Chromium', () => {
  browserTest(
    'a copy hosted with the headers SECURITY.md documents works, and cannot be framed',
    async ({ harness }) => {
      const headers = documentedHostingHeaders();
      const metaPolicy = builtPolicy().html.match(
        /http-equiv="Content-Security-Policy" content="([^"]*)"/,
      )![1]!;
      // The header is the meta policy plus what only a header can say.
      expect(headers['content-security-policy']).toBe(`${metaPolicy}; frame-ancestors 'none'`);
      expect(Object.keys(headers).sort()).toEqual([
        'content-security-policy',
        'cross-origin-opener-policy',
        'cross-origin-resource-policy',
        'permissions-policy',
        'referrer-policy',
        'strict-transport-security',
        'x-content-type-options',
      ]);
      const proxy = await hostedCopy(harness.server.url, headers);
      const hosted = proxy.url;

      // Not a harness-watched context (its origin is the proxy's): it records problems itself.
      const context = await harness.browser.newContext({ acceptDownloads: true });
      const problems: string[] = [];
      const page = await context.newPage();
      page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
      page.on('pageerror', (e) => problems.push(e.message));
      await page.addInitScript(RECORD_VIOLATIONS);
      const response = await page.goto(hosted);
      expect(response!.headers()['x-content-type-options']).toBe('nosniff');
      await openModel(
        page,
        model({
          components: [
            component('c-user', 'user', {}, undefined, { label: 'User', position: { x: 0, y: 0 } }),
            component('c-api', 'inference-api', {}, undefined, { label: 'API', position: { x: 300, y: 0 } }),
          ],
          dataFlows: [flow('c-user', 'c-api', {}, 'f-1')],
        }),
      );
      expect((await exportFile(page, 'Diagram as SVG')).text).toContain('>API<');
      expect((await exportFile(page, 'Diagram as PNG')).bytes.subarray(1, 4).toString()).toBe('PNG');
      expect(
        await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
      ).toEqual([]);
      expect(problems).toEqual([]);

      // Framed by another page: refused (frame-ancestors), so the app never loads in the frame.
      // The same build served without the header loads in a frame: the meta policy cannot stop it.
      const framed = async (url: string) => {
        const framing = await context.newPage();
        await framing.setContent(`<iframe src="${url}" width="800" height="600"></iframe>`);
        const frame = framing.frames().find((f) => f !== framing.mainFrame())!;
        await frame.waitForLoadState();
        return frame;
      };
      const withMetaOnly = await framed(harness.server.url);
      await withMetaOnly.getByRole('heading', { name: 'AI threat modeller' }).waitFor();
      const withHeaders = await framed(hosted);
      expect(withHeaders.url()).toBe('chrome-error://chromewebdata/');
      expect(await withHeaders.getByRole('heading', { name: 'AI threat modeller' }).count()).toBe(0);
      await context.close();
      await proxy.close();
    },
  );

  browserTest(
    'the policy is enforced: script and HTML sinks refuse strings, and no policy can be made',
    async ({ harness }) => {
      // Not a watched context: the refusals below are logged as console errors on purpose.
      const unwatched = await harness.browser.newContext();
      const page = await unwatched.newPage();
      await page.addInitScript(RECORD_VIOLATIONS);
      await page.goto(harness.server.url);
      await page.getByRole('heading', { name: 'AI threat modeller' }).waitFor();
      // The app has loaded, React Flow has drawn: none of it needed a sink or a policy.
      expect(
        await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
      ).toEqual([]);
      const attempts = await page.evaluate(async () => {
        const refused: Record<string, string> = {};
        const attempt = (name: string, inject: () => void) => {
          try {
            inject();
            refused[name] = 'allowed';
          } catch (error) {
            refused[name] = (error as Error).name;
          }
        };
        attempt('inline script', () => {
          const inline = document.createElement('script');
          inline.textContent = 'window.__inline = 1';
          document.head.append(inline);
        });
        attempt('inline script built from a text node', () => {
          const inline = document.createElement('script');
          inline.append(document.createTextNode('window.__textNode = 1'));
          document.head.append(inline);
        });
        attempt('inline handler', () => {
          const button = document.createElement('button');
          button.setAttribute('onclick', 'window.__handler = 1');
          document.body.append(button);
          button.click();
        });
        attempt('blob script', () => {
          const blob = document.createElement('script');
          blob.src = URL.createObjectURL(new Blob(['window.__blob = 1'], { type: 'text/javascript' }));
          document.head.append(blob);
        });
        attempt('innerHTML', () => {
          // eslint-disable-next-line no-restricted-syntax -- the sink Trusted Types must refuse.
          document.createElement('div').innerHTML = '<img src=x onerror="window.__img = 1">';
        });
        attempt('a Trusted Types policy', () => {
          const factory = (
            window as unknown as { trustedTypes: { createPolicy: (...a: unknown[]) => unknown } }
          ).trustedTypes;
          factory.createPolicy('passthrough', { createHTML: (text: string) => text });
        });
        await new Promise((resolve) => setTimeout(resolve, 200));
        const w = window as unknown as Record<string, unknown>;
        return { refused, ran: [w['__inline'], w['__textNode'], w['__handler'], w['__blob'], w['__img']] };
      });
      expect(attempts).toEqual({
        refused: {
          'inline script': 'TypeError',
          // Not refused when built, but never run: the script's text did not come from a policy.
          'inline script built from a text node': 'allowed',
          'inline handler': 'TypeError',
          'blob script': 'TypeError',
          innerHTML: 'TypeError',
          'a Trusted Types policy': 'TypeError',
        },
        ran: [undefined, undefined, undefined, undefined, undefined],
      });
      // Each refusal is reported once; script-src would refuse the scripts too (checked above).
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations))
        .toEqual([
          'require-trusted-types-for trusted-types-sink HTMLScriptElement textContent',
          'require-trusted-types-for trusted-types-sink HTMLScriptElement text',
          'require-trusted-types-for trusted-types-sink Element onclick',
          'require-trusted-types-for trusted-types-sink HTMLScriptElement src',
          'require-trusted-types-for trusted-types-sink Element innerHTML',
          'trusted-types trusted-types-policy',
        ]);
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

      // The diagram exports (drawn from the document by the core's renderer) need no Trusted
      // Types sink, and the hostile labels stay text in the image.
      const svg = await exportFile(page, 'Diagram as SVG');
      expect(svg.text).toMatch(/^<svg /);
      // Labels are wrapped and cut to their boxes; the title (P.svg) is whole.
      expect(svg.text).toContain('&lt;img src=x');
      expect(svg.text).toContain('&lt;svg onload=&quot;window.__pwned=6&quot;&gt;&lt;/svg&gt;');
      // The renderer escapes < and > in text and attributes, and quotes in attributes: each tag is
      // one <…>, and with its attribute values removed only element and attribute names remain.
      const tags = svg.text.match(/<[^>]*>/g)!.map((tag) => tag.replace(/"[^"]*"/g, '""'));
      expect(
        tags.filter((tag) => /^<(script|iframe|img|object|embed)\b|\son[a-z]+=|\shref=/i.test(tag)),
      ).toEqual([]);
      const png = await exportFile(page, 'Diagram as PNG');
      expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');

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
