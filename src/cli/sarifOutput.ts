import packageJson from '../../package.json' with { type: 'json' };
import type { SarifOptions } from '../core';
import { STDIN_PATHS } from './io';

/** The tool as SARIF names it: the package's name and version, as `aitm --version` would say. */
const TOOL: SarifOptions['tool'] = {
  name: 'aitm',
  version: packageJson.version,
  ...homepageOf(packageJson),
};

function homepageOf(pkg: object): { informationUri?: string } {
  const homepage = (pkg as { homepage?: unknown }).homepage;
  return typeof homepage === 'string' && /^https:\/\//.test(homepage) ? { informationUri: homepage } : {};
}

/**
 * SARIF options for a model read from `path`: code scanning resolves a relative URI against the
 * repository root, so the path is kept relative as given (run `aitm` from the root in CI),
 * with forward slashes and each segment percent-encoded. An absolute path becomes a file URI;
 * standard input has no file, and its results carry logical locations only.
 */
export function sarifOptionsFor(path: string, sourceText: string): SarifOptions {
  if (STDIN_PATHS.includes(path)) return { tool: TOOL };
  return { tool: TOOL, modelUri: modelUri(path), sourceText };
}

export function modelUri(path: string): string {
  const slashes = path.replace(/\\/g, '/');
  const drive = /^[A-Za-z]:\//.test(slashes);
  const segments = slashes.split('/').filter((s, i) => s !== '.' && (s !== '' || i === 0));
  const encoded = segments.map((s, i) => (drive && i === 0 ? s : encodeURIComponent(s))).join('/');
  if (drive) return `file:///${encoded}`;
  if (slashes.startsWith('/')) return `file://${encoded}`;
  return encoded;
}
