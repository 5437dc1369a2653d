import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumAvailable, startHarness, type Harness } from './helpers/browserHarness';

const available = chromiumAvailable();

/** Records CSP violations from the first script on, before the app runs. */
const RECORD_VIOLATIONS = () => {
  const w = window as unknown as { __violations: string[] };
  w.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
  );
};

/** The icons and the web app manifest of public/ load under the built page's strict CSP. */
describe.skipIf(!available)('app icons and manifest in Chromium', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ outDir: inject('distDir') });
  });

  afterAll(async () => {
    await harness?.dispose();
  });

  it('Chromium reads the manifest without errors and every icon it names loads', async () => {
    const context = await harness.newContext();
    const page = await context.newPage();
    await page.addInitScript(RECORD_VIOLATIONS);
    await page.goto(harness.server.url);
    await page.getByRole('heading', { name: 'AI threat modeller' }).waitFor();

    // What the browser itself does when it offers to install the app.
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.url).toBe(`${harness.server.url}manifest.webmanifest`);
    expect(manifest.errors).toEqual([]);
    const parsed = JSON.parse(manifest.data!) as {
      name: string;
      short_name: string;
      display: string;
      start_url: string;
      theme_color: string;
      background_color: string;
      icons: { src: string; sizes: string; type: string; purpose: string }[];
    };
    expect(parsed).toMatchObject({
      name: 'AI threat modeller',
      display: 'standalone',
      start_url: '.',
      theme_color: '#ffffff',
      background_color: '#f6f7f9',
    });
    expect(parsed.icons.map((i) => i.purpose)).toEqual(expect.arrayContaining(['any', 'maskable']));

    const icons = [
      ...parsed.icons.map((i) => ({ src: i.src, sizes: i.sizes })),
      { src: 'apple-touch-icon.png', sizes: '180x180' },
    ];
    const loaded = await page.evaluate(
      async (list) =>
        Promise.all(
          list.map(async ({ src }) => {
            const img = new Image();
            img.src = new URL(src, `${location.origin}/manifest.webmanifest`).href;
            await img.decode();
            return `${img.naturalWidth}x${img.naturalHeight}`;
          }),
        ),
      icons,
    );
    icons.forEach((icon, i) => {
      if (icon.sizes !== 'any') expect(loaded[i], icon.src).toBe(icon.sizes);
    });

    const head = await page.evaluate(() => ({
      icon: document.querySelector('link[rel="icon"]')?.getAttribute('href'),
      themeColors: [...document.querySelectorAll('meta[name="theme-color"]')].map((m) =>
        m.getAttribute('content'),
      ),
      violations: (window as unknown as { __violations: string[] }).__violations,
    }));
    expect(head).toEqual({ icon: '/favicon.svg', themeColors: ['#ffffff', '#1b1f26'], violations: [] });
    await context.close();
  });

  it('made no console errors, no dialogs and no request outside the app', () => {
    expect(harness.watch).toEqual({ problems: [], foreignRequests: [], dialogs: [] });
  });
});
