/**
 * Browser effects behind one interface, so panels and commands stay testable: tests pass a fake.
 * Nothing here talks to the network.
 */
export interface Platform {
  /** Saves text as a file through the browser's download. */
  download(fileName: string, text: string, mimeType: string): void;
  /** Saves a data: URL (an exported image) as a file. */
  downloadUrl(fileName: string, url: string): void;
  /** Opens the file picker; resolves with the chosen file, or null when cancelled. */
  pickFile(accept: string): Promise<File | null>;
}

export const browserPlatform: Platform = {
  download(fileName, text, mimeType) {
    const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
    browserPlatform.downloadUrl(fileName, url);
    // Revoke later: Chromium reads the blob asynchronously after the click.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
  downloadUrl(fileName, url) {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  },
  pickFile(accept) {
    return new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = accept;
      input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true });
      input.addEventListener('cancel', () => resolve(null), { once: true });
      input.click();
    });
  },
};

/** Reads a dropped or picked file as text. */
export function readFileText(file: Blob): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsText(file);
  });
}
