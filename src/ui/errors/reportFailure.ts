import type { AppStore } from '../store/createAppStore';

const MAX_REASON = 500;

/** A chunk of the app (an importer, the layout engine) could not be fetched: usually a new deploy. */
const CHUNK_FAILURE =
  /dynamically imported module|importing a module script failed|error loading dynamically imported|loading chunk/i;

/** An Error, or a DOMException from another realm (jsdom, a worker), which is not `instanceof Error`. */
function isErrorLike(error: unknown): error is { message: string; name?: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

/** Why something failed, in words a user can act on; never a stack trace. */
export function describeError(error: unknown): string {
  let reason =
    typeof error === 'string'
      ? error
      : isErrorLike(error)
        ? error.message || (error.name ?? '')
        : error === undefined || error === null
          ? ''
          : String(error);
  reason = reason.trim().replace(/\.+$/, '');
  if (reason === '') return 'an unexpected error (no reason given)';
  // The raw text is a URL of a hashed file: no help to the user, who only needs to reload.
  if (CHUNK_FAILURE.test(reason))
    return 'part of the app could not be loaded (the connection dropped, or a newer version was published); reload the page';
  return reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON)}…` : reason;
}

/** "Could not <what>: <why>." plus what it means for the user's work. */
export function failureMessage(what: string, error: unknown, consequence?: string): string {
  return `Could not ${what}: ${describeError(error)}.${consequence ? ` ${consequence}` : ''}`;
}

/** Shows a failure in the notice bar (role=alert, dismissible); see dialogs/Notices.tsx. */
export function reportFailure(store: AppStore, what: string, error: unknown, consequence?: string): void {
  store.getState().update({ notice: { kind: 'error', message: failureMessage(what, error, consequence) } });
}

/**
 * Runs a task that may be asynchronous from an event handler, which cannot await it: a throw or a
 * rejection becomes a notice instead of vanishing. The one way src/ui starts work it does not await.
 */
export function runReported(store: AppStore, what: string, task: () => unknown, consequence?: string): void {
  const report = (error: unknown) => reportFailure(store, what, error, consequence);
  try {
    const result = task();
    if (result instanceof Promise) result.catch(report);
  } catch (error) {
    report(error);
  }
}
