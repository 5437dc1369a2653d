import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** Small steps the browser tests share: downloads, the Export menu, opening and dropping files. */

export interface Downloaded {
  name: string;
  bytes: Buffer;
  text: string;
}

/** Runs `action` and returns the file the page downloaded because of it. */
export async function download(page: Page, action: () => Promise<unknown>): Promise<Downloaded> {
  const [file] = await Promise.all([page.waitForEvent('download'), action()]);
  const bytes = readFileSync((await file.path())!);
  return { name: file.suggestedFilename(), bytes, text: bytes.toString('utf8') };
}

/** Picks an entry of the toolbar's Export menu and returns the download. */
export async function exportFile(page: Page, item: string): Promise<Downloaded> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  return download(page, () =>
    page.getByRole('menu', { name: 'Export' }).getByRole('menuitem', { name: item }).click(),
  );
}

/** Opens a file through the Open… button and the browser's file chooser. */
export async function openFile(page: Page, name: string, content: string): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Open…' }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
}

/** Drops a file onto the window, as dragging it from the desktop does. */
export async function dropFile(page: Page, name: string, content: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, content }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], name, { type: 'application/json' }));
      return transfer;
    },
    { name, content },
  );
  await page.dispatchEvent('.app', 'dragover', { dataTransfer });
  await page.dispatchEvent('.app', 'drop', { dataTransfer });
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
