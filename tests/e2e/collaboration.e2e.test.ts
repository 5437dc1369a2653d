import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, expect } from 'vitest';
import { evaluate, shippedLibrary } from '../../src/core/index';
import { signCollabToken } from '../../src/server/tokens';
import { boundary, component, flow, model } from '../support/modelBuilders';
import { connectClient, sleep } from '../server/helpers/collabClient';
import { freePort, startServerProcess, type ServerProcess } from '../server/helpers/serverProcess';
import { download, openModel, viewportSettled } from './helpers/appDriver';
import type { PageWatch } from './helpers/browserHarness';
import { browserTest, describeInBrowser } from './helpers/browserTest';

/**
 * Live workshops against the real collaboration server (`npm run collab`, started per test on a
 * free port with its own data directory), in two or three browser contexts: nothing of the sync
 * layer is mocked. Convergence is checked on what Save writes, byte for byte.
 */

const UNAUTHENTICATED = /without authentication/i;
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** Set AITM_SCREENSHOTS=dir to keep the screenshots the presence test takes (for a look by eye). */
const SHOTS = process.env['AITM_SCREENSHOTS'];

/** Serious and critical axe violations (WCAG 2.1 A and AA) of the page as it is. */
async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            c: unknown,
            o: unknown,
          ) => Promise<{
            violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

function workshopModel() {
  return model({
    title: 'Workshop model',
    trustBoundaries: [
      boundary('tb-1', 'internal', undefined, {
        label: 'Cloud',
        position: { x: 520, y: 20 },
        size: { width: 320, height: 220 },
      }),
    ],
    components: [
      component('c-1', 'user', {}, undefined, { label: 'User', position: { x: 0, y: 60 } }),
      component('c-2', 'inference-api', {}, undefined, {
        label: 'Inference API',
        position: { x: 260, y: 60 },
      }),
      component('c-3', 'llm', {}, 'tb-1', { label: 'LLM', position: { x: 580, y: 80 } }),
    ],
    dataFlows: [flow('c-1', 'c-2', {}, 'f-1')],
  });
}

const dataDirs: string[] = [];
const servers: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

async function collabServer(env: Record<string, string> = {}, dataDir?: string, port?: number) {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'aitm-collab-e2e-'));
  if (!dataDir) dataDirs.push(dir);
  const server = await startServerProcess({
    COLLAB_DATA_DIR: dir,
    ...(port ? { PORT: String(port) } : {}),
    ...env,
  });
  servers.push(server);
  return { server, dir };
}

/** A TCP relay to the server that can be cut: a real network failure for one client only. */
async function cuttableRelay(targetPort: number) {
  const sockets = new Set<Socket>();
  let cutOff = false;
  const relay = createServer((client) => {
    if (cutOff) return void client.destroy();
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const port = await freePort();
  await new Promise<void>((resolve) => relay.listen(port, '127.0.0.1', resolve));
  return {
    url: `ws://127.0.0.1:${port}`,
    cut: () => {
      cutOff = true;
      for (const s of sockets) s.destroy();
    },
    mend: () => void (cutOff = false),
    close: () => new Promise<void>((resolve) => relay.close(() => resolve())),
  };
}

/**
 * Chromium reports a WebSocket that cannot connect (server stopped, network cut) as a console
 * error. Those are expected where a test cuts the connection on purpose, to that server only.
 */
async function forgiveSocketFailures(watch: PageWatch, url: string, contexts: BrowserContext[]) {
  // Closed first: a page left open keeps retrying, and would report more after this runs.
  for (const context of contexts) await context.close();
  const expected = `WebSocket connection to '${url}/' failed`;
  for (let i = watch.problems.length - 1; i >= 0; i--)
    if (watch.problems[i]!.includes(expected)) watch.problems.splice(i, 1);
}

const canvas = (page: Page) => page.locator('.react-flow__pane');
const node = (page: Page, label: string) => page.locator('.react-flow__node-component', { hasText: label });
const status = (page: Page) => page.locator('.collab-status');
const centre = async (locator: Locator) => {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
};
/** A point of the canvas, from its top left corner. */
const inCanvas = async (page: Page, x: number, y: number) => {
  const box = (await canvas(page).boundingBox())!;
  return { x: box.x + x, y: box.y + y };
};
const dragMouse = async (page: Page, from: { x: number; y: number }, to: { x: number; y: number }) => {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
};

/** What Save downloads: the serialised model, as a file on disk would hold it. */
async function saved(page: Page): Promise<string> {
  return (await download(page, () => page.getByRole('button', { name: 'Save (download)' }).click())).text;
}

/** Opens the model and shares it; returns the dialog's edit link. */
async function share(
  page: Page,
  serverUrl: string,
  options: { name?: string; room?: string; editToken?: string; readToken?: string } = {},
): Promise<{ edit: string; read: string }> {
  await openModel(page, workshopModel());
  await page.getByRole('button', { name: 'Share as a live workshop…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share as a live workshop' });
  await dialog.getByRole('textbox', { name: 'Your name' }).fill(options.name ?? 'Ana');
  await dialog.getByRole('textbox', { name: 'Server' }).fill(serverUrl);
  if (options.room) await dialog.getByRole('textbox', { name: 'Room' }).fill(options.room);
  if (options.editToken) await dialog.getByRole('textbox', { name: 'Edit token' }).fill(options.editToken);
  if (options.readToken)
    await dialog.getByRole('textbox', { name: 'Read-only token' }).fill(options.readToken);
  await dialog.getByRole('button', { name: 'Start sharing' }).click();
  const edit = await dialog.getByRole('textbox', { name: 'Edit link' }).inputValue();
  const read = await dialog.getByRole('textbox', { name: 'Read-only link' }).inputValue();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect.poll(() => status(page).textContent()).toBe('Online');
  return { edit, read };
}

/** A second (third…) participant: a fresh context opening the link and giving a name. */
async function joinRoom(
  context: BrowserContext,
  link: string,
  name: string,
  { expectModel = true } = {},
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(link);
  const dialog = page.getByRole('dialog', { name: 'Join a live workshop' });
  await dialog.getByRole('textbox', { name: 'Your name' }).fill(name);
  await dialog.getByRole('button', { name: 'Join' }).click();
  if (!expectModel) return page;
  await node(page, 'LLM').waitFor();
  await viewportSettled(page);
  return page;
}

const notice = (page: Page) => page.locator('.notice-text').first();

/** A link with the server address swapped (a client that goes through the relay). */
const via = (link: string, serverUrl: string) => {
  const url = new URL(link);
  url.searchParams.set('collab', serverUrl);
  return url.toString();
};

/** Waits until every page's Save writes the same bytes, and returns them. */
async function converged(pages: Page[]): Promise<string> {
  let texts: string[] = [];
  await expect
    .poll(
      async () => {
        texts = [];
        for (const p of pages) texts.push(await saved(p));
        return texts.every((t) => t === texts[0]);
      },
      { timeout: 15_000, interval: 500 },
    )
    .toBe(true);
  return texts[0]!;
}

describeInBrowser('live workshops in Chromium', () => {
  browserTest(
    'three participants add, move, connect and triage at once: everyone converges byte for byte',
    async ({ context, harness, watch }) => {
      const { server } = await collabServer();
      const a = await context.newPage();
      await a.goto(harness.server.url);
      const { edit } = await share(a, server.url);
      expect(edit).not.toContain('token=');
      const b = await joinRoom(await harness.newContext({ acceptDownloads: true }, watch), edit, 'Ben');
      const c = await joinRoom(await harness.newContext({ acceptDownloads: true }, watch), edit, 'Cleo');
      // Presence: everyone sees three participants.
      for (const p of [a, b, c])
        await expect
          .poll(() => p.getByRole('list', { name: 'Participants' }).getByRole('listitem').count())
          .toBe(3);
      expect(await converged([a, b, c])).toBe(await saved(a));

      // At once: A adds a component, B moves one, C connects two, A triages a finding.
      await Promise.all([
        a
          .getByRole('button', { name: 'Add Vector store', exact: true })
          .dragTo(canvas(a), { targetPosition: { x: 200, y: 380 } }),
        dragMouse(b, await centre(node(b, 'User').locator('.component-label')), await inCanvas(b, 160, 380)),
        dragMouse(
          c,
          await centre(node(c, 'Inference API').locator('.react-flow__handle-right')),
          await centre(node(c, 'LLM').locator('.react-flow__handle-left')),
        ),
      ]);
      const finding = evaluate(workshopModel(), shippedLibrary()).find((f) => UNAUTHENTICATED.test(f.title))!;
      await a
        .locator('.react-flow__node-component', { hasText: 'Inference API' })
        .locator('.component-label')
        .click();
      const panel = a.getByRole('region', { name: 'Findings for Inference API' });
      await panel.getByRole('button', { name: UNAUTHENTICATED }).click();
      await panel.getByRole('combobox', { name: 'Triage status' }).selectOption('accepted');

      const text = await converged([a, b, c]);
      const merged = JSON.parse(text) as ReturnType<typeof workshopModel>;
      expect(merged.components.map((x) => x.type).sort()).toEqual([
        'inference-api',
        'llm',
        'user',
        'vector-store',
      ]);
      expect(merged.components.find((x) => x.id === 'c-1')!.position).not.toEqual({ x: 0, y: 60 });
      expect(merged.dataFlows.some((f) => f.sourceId === 'c-2' && f.targetId === 'c-3')).toBe(true);
      expect(merged.triage[finding.key]?.status).toBe('accepted');
      // Findings are computed in each browser from the merged model: B sees A's triage on its own.
      await b.getByRole('button', { name: 'Fit view', exact: true }).click();
      await viewportSettled(b);
      await b
        .locator('.react-flow__node-component', { hasText: 'Inference API' })
        .locator('.component-label')
        .click();
      await expect
        .poll(() =>
          b
            .getByRole('region', { name: 'Findings for Inference API' })
            .getByRole('button', { name: UNAUTHENTICATED })
            .textContent(),
        )
        .toMatch(/accepted/);
    },
  );

  browserTest(
    'a client cut off keeps editing (and reloading), and on reconnect both sides’ edits merge',
    async ({ context, harness, watch }) => {
      const { server } = await collabServer();
      const relay = await cuttableRelay(server.port);
      const contexts: BrowserContext[] = [];
      try {
        const a = await context.newPage();
        await a.goto(harness.server.url);
        const { edit } = await share(a, server.url);
        const bContext = await harness.newContext({ acceptDownloads: true }, watch);
        contexts.push(bContext, context);
        const b = await joinRoom(bContext, via(edit, relay.url), 'Ben');
        await expect.poll(() => status(b).textContent()).toBe('Online');

        relay.cut();
        await expect.poll(() => status(b).textContent()).toMatch(/Offline/);
        await b.getByRole('textbox', { name: 'Model title' }).fill('Renamed offline by Ben');
        await dragMouse(
          a,
          await centre(node(a, 'User').locator('.component-label')),
          await inCanvas(a, 160, 400),
        );
        // A reload in the middle of the workshop, still offline: nothing is lost.
        await b.getByRole('textbox', { name: 'Model title' }).blur();
        await b.waitForTimeout(300);
        await b.reload();
        await expect
          .poll(() => b.getByRole('textbox', { name: 'Model title' }).inputValue(), { timeout: 15_000 })
          .toBe('Renamed offline by Ben');
        // The server is out of reach: after a short wait the room opens from this browser's copy.
        await expect.poll(() => status(b).textContent(), { timeout: 15_000 }).toMatch(/Offline/);

        relay.mend();
        await expect.poll(() => status(b).textContent(), { timeout: 40_000 }).toBe('Online');
        const merged = JSON.parse(await converged([a, b])) as ReturnType<typeof workshopModel>;
        expect(merged.meta.title).toBe('Renamed offline by Ben');
        expect(merged.components.find((x) => x.id === 'c-1')!.position).not.toEqual({ x: 0, y: 60 });
      } finally {
        await forgiveSocketFailures(watch, relay.url, contexts);
        await relay.close();
      }
    },
  );

  browserTest('the room survives a restart of the server', async ({ context, harness, watch }) => {
    const port = await freePort();
    const first = await collabServer({}, undefined, port);
    const a = await context.newPage();
    await a.goto(harness.server.url);
    const { edit } = await share(a, first.server.url);
    await a.getByRole('textbox', { name: 'Model title' }).fill('Before the restart');
    await expect.poll(() => status(a).textContent()).toBe('Online');
    await first.server.stop();
    await expect.poll(() => status(a).textContent()).toMatch(/Offline/);
    await collabServer({}, first.dir, port);
    await expect.poll(() => status(a).textContent(), { timeout: 40_000 }).toBe('Online');
    // A newcomer gets the room from the restarted server's storage.
    const cContext = await harness.newContext({ acceptDownloads: true }, watch);
    const c = await joinRoom(cContext, edit, 'Cleo');
    await expect
      .poll(() => c.getByRole('textbox', { name: 'Model title' }).inputValue())
      .toBe('Before the restart');
    await converged([a, c]);
    await forgiveSocketFailures(watch, first.server.url, [cContext, context]);
  });

  browserTest(
    'with COLLAB_SECRET: no token, a forged token and a read-only writer are refused; a hostile peer breaks nobody',
    async ({ context, harness, watch }) => {
      const secret = 'workshop-secret-for-tests';
      const { server } = await collabServer({ COLLAB_SECRET: secret });
      const room = 'secret-room';
      const editToken = signCollabToken(secret, { room, access: 'edit' });
      const readToken = signCollabToken(secret, { room, access: 'read' });
      const a = await context.newPage();
      await a.goto(harness.server.url);
      const links = await share(a, server.url, { room, editToken, readToken });
      expect(new URL(links.edit).searchParams.get('token')).toBe(editToken);
      expect(new URL(links.read).searchParams.get('token')).toBe(readToken);
      const original = await saved(a);

      const newcomer = () => harness.newContext({ acceptDownloads: true }, watch);
      const withoutToken = new URL(links.edit);
      withoutToken.searchParams.delete('token');
      const b = await joinRoom(await newcomer(), withoutToken.toString(), 'Ben', { expectModel: false });
      await expect.poll(() => notice(b).textContent()).toMatch(/Could not join the room: the server refused/);
      const forged = new URL(links.edit);
      forged.searchParams.set('token', signCollabToken('another-secret', { room, access: 'edit' }));
      const d = await joinRoom(await newcomer(), forged.toString(), 'Dan', { expectModel: false });
      await expect.poll(() => notice(d).textContent()).toMatch(/Could not join the room: the server refused/);
      expect(await d.locator('.react-flow__node-component').count()).toBe(0);

      // Read-only in the editor: a badge, and every change refused with a notice.
      const c = await joinRoom(await newcomer(), links.read, 'Cleo');
      expect(c.url()).not.toContain('token=');
      await expect.poll(() => c.getByText('Read-only', { exact: true }).isVisible()).toBe(true);
      await c.getByRole('textbox', { name: 'Model title' }).fill('Vandalised');
      await expect.poll(() => notice(c).textContent()).toMatch(/read-only/);
      expect(await c.getByRole('textbox', { name: 'Model title' }).inputValue()).toBe('Workshop model');
      // Read-only on the server: a client holding the read token that writes anyway changes nothing.
      const reader = connectClient(server.url, room, { token: readToken });
      await reader.synced;
      reader.doc.transact(() =>
        (reader.doc.getMap('model').get('meta') as import('yjs').Map<unknown>).set(
          'title',
          'Written with a read token',
        ),
      );
      // A hostile editor writes garbage: the others refuse it, say so, and keep their model.
      const hostile = connectClient(server.url, room, { token: editToken });
      await hostile.synced;
      hostile.doc.getMap('model').set('components', 'not a map');
      await expect.poll(() => notice(a).textContent()).toMatch(/refused and not applied/);
      await sleep(500);
      expect(await saved(a)).toBe(original);
      expect(await saved(c)).toBe(original);
      expect(await a.locator('.react-flow__node-component').count()).toBe(3);
      reader.destroy();
      hostile.destroy();
      expect(server.output()).not.toContain(editToken);
      expect(server.output()).not.toContain(readToken);
    },
  );

  browserTest(
    'undo undoes only your own changes; Leave room keeps a private copy that no longer follows the room',
    async ({ context, harness, watch }) => {
      const { server } = await collabServer();
      const a = await context.newPage();
      await a.goto(harness.server.url);
      const { edit } = await share(a, server.url);
      const b = await joinRoom(await harness.newContext({ acceptDownloads: true }, watch), edit, 'Ben');
      await a.getByRole('textbox', { name: 'Model title' }).fill('Title by Ana');
      await a.getByRole('textbox', { name: 'Model title' }).blur();
      await expect
        .poll(() => b.getByRole('textbox', { name: 'Model title' }).inputValue())
        .toBe('Title by Ana');
      await b.keyboard.press('Escape');
      await dragMouse(
        b,
        await centre(node(b, 'User').locator('.component-label')),
        await inCanvas(b, 180, 420),
      );
      const moved = JSON.parse(await converged([a, b])) as ReturnType<typeof workshopModel>;
      const position = moved.components.find((x) => x.id === 'c-1')!.position;
      expect(position).not.toEqual({ x: 0, y: 60 });

      await a.getByRole('button', { name: 'Undo' }).click();
      const undone = JSON.parse(await converged([a, b])) as ReturnType<typeof workshopModel>;
      expect(undone.meta.title).toBe('Workshop model');
      expect(undone.components.find((x) => x.id === 'c-1')!.position).toEqual(position);

      await a.getByRole('button', { name: 'Leave room' }).click();
      await expect.poll(() => status(a).count()).toBe(0);
      await b.getByRole('textbox', { name: 'Model title' }).fill('After Ana left');
      await sleep(800);
      expect(await a.getByRole('textbox', { name: 'Model title' }).inputValue()).toBe('Workshop model');
      expect(a.url()).not.toContain('collab=');
    },
  );

  browserTest(
    'follow me: followers see the finding the facilitator shows, until they stop',
    async ({ context, harness, watch }) => {
      const { server } = await collabServer();
      const a = await context.newPage();
      await a.goto(harness.server.url);
      const { edit } = await share(a, server.url);
      const b = await joinRoom(await harness.newContext({ acceptDownloads: true }, watch), edit, 'Ben');
      const reviewHead = (p: Page) =>
        p.getByRole('region', { name: 'Review findings' }).locator('.review-head strong');
      await a
        .getByRole('button', { name: /^Review/ })
        .first()
        .click();
      await a.getByRole('button', { name: 'Follow me' }).click();
      await expect.poll(() => reviewHead(b).textContent()).toMatch(/finding 1 of \d+/);
      await a.getByRole('button', { name: 'Next →' }).click();
      await expect.poll(() => reviewHead(b).textContent()).toMatch(/finding 2 of/);
      const shown = (p: Page) => p.locator('.review-body strong').first().textContent();
      expect(await shown(b)).toBe(await shown(a));

      await b.getByRole('button', { name: /Following Ana · Stop/ }).click();
      await a.getByRole('button', { name: 'Next →' }).click();
      await expect.poll(() => reviewHead(a).textContent()).toMatch(/finding 3 of/);
      await sleep(500);
      expect(await reviewHead(b).textContent()).toMatch(/finding 2 of/);
    },
  );

  browserTest(
    'the Share dialog and a peer’s cursor, at two sizes in light and dark: no serious accessibility problem',
    async ({ harness, watch }) => {
      const { server } = await collabServer();
      for (const viewport of [
        { width: 1440, height: 900 },
        { width: 1024, height: 700 },
      ])
        for (const colorScheme of ['light', 'dark'] as const) {
          const tag = `${viewport.width}x${viewport.height}-${colorScheme}`;
          const a = await (
            await harness.newContext({ viewport, colorScheme, bypassCSP: true, acceptDownloads: true }, watch)
          ).newPage();
          await a.goto(harness.server.url);
          await openModel(a, workshopModel());
          await a.getByRole('button', { name: 'Share as a live workshop…' }).click();
          const dialog = a.getByRole('dialog', { name: 'Share as a live workshop' });
          await dialog.getByRole('textbox', { name: 'Your name' }).fill('Ana');
          await dialog.getByRole('textbox', { name: 'Server' }).fill(server.url);
          expect(await seriousAxeViolations(a), `share form ${tag}`).toEqual([]);
          if (SHOTS) mkdirSync(SHOTS, { recursive: true });
          if (SHOTS) await a.screenshot({ path: join(SHOTS, `share-form-${tag}.png`) });
          await dialog.getByRole('button', { name: 'Start sharing' }).click();
          const edit = await dialog.getByRole('textbox', { name: 'Edit link' }).inputValue();
          expect(await seriousAxeViolations(a), `share links ${tag}`).toEqual([]);
          if (SHOTS) await a.screenshot({ path: join(SHOTS, `share-links-${tag}.png`) });
          await dialog.getByRole('button', { name: 'Done' }).click();

          const b = await joinRoom(
            await harness.newContext({ viewport, colorScheme, acceptDownloads: true }, watch),
            edit,
            'Ben',
          );
          // Ben points at the canvas and selects the Inference API: Ana sees both, in Ben's colour.
          await b
            .locator('.react-flow__node-component', { hasText: 'Inference API' })
            .locator('.component-label')
            .click();
          const point = await inCanvas(b, 120, 140);
          await b.mouse.move(point.x, point.y);
          await b.mouse.move(point.x + 30, point.y + 20, { steps: 4 });
          await a.locator('.peer-cursor[data-peer="Ben"]').waitFor();
          await a.locator('.peer-selection[data-peer="Ben"][data-selected-id="c-2"]').waitFor();
          expect(await seriousAxeViolations(a), `editor with a peer ${tag}`).toEqual([]);
          if (SHOTS) await a.screenshot({ path: join(SHOTS, `peer-cursor-${tag}.png`) });
          await a.context().close();
          await b.context().close();
        }
    },
  );
});
