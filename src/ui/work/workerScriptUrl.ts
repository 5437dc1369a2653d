import heavyWorkUrl from './heavyWork.worker.ts?worker&url';

/**
 * The built page enforces Trusted Types (`require-trusted-types-for 'script'`, see vite.config.ts),
 * so `new Worker(url)` needs a TrustedScriptURL. One named policy, `aitm-worker`, is the only one
 * the CSP allows; it is created when this module loads (before any other code could claim the
 * name) and turns into a script URL nothing but the app's own bundled worker file, same origin.
 */
const POLICY_NAME = 'aitm-worker';
const OWN_WORKER = /\/heavyWork\.worker[-\w.]*\.(js|ts)$/;

interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy;
}

function onlyOwnWorker(url: string): string {
  const parsed = new URL(url, location.href);
  if (parsed.origin !== location.origin || !OWN_WORKER.test(parsed.pathname))
    throw new TypeError(
      `${POLICY_NAME}: refusing a worker script that is not the app's own (${parsed.href})`,
    );
  return parsed.href;
}

const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
const policy = factory?.createPolicy(POLICY_NAME, { createScriptURL: onlyOwnWorker });

/** The worker's script URL, as a TrustedScriptURL where the browser has Trusted Types. */
export function heavyWorkScriptUrl(): string | URL {
  // A TrustedScriptURL is accepted wherever Worker takes a URL; the DOM typings only say string | URL.
  return policy ? (policy.createScriptURL(heavyWorkUrl) as string) : new URL(heavyWorkUrl, location.href);
}
