import type { AppStore } from '../store/createAppStore';
import { reportFailure } from './reportFailure';

/** Chromium reports this harmless layout notice as an error event; it is not the user's concern. */
const BENIGN = /ResizeObserver loop/;

/**
 * The last net under the app: a rejection nobody handled, or an error thrown in an event handler
 * (which error boundaries do not see), still becomes a notice the user can read and dismiss.
 * Every known async path reports its own failure first; this catches what slipped through.
 */
export function showUncaughtErrors(store: AppStore, target: Window = window): () => void {
  const onRejection = (event: PromiseRejectionEvent) =>
    reportFailure(store, 'finish an action', event.reason);
  const onError = (event: ErrorEvent) => {
    if (BENIGN.test(event.message)) return;
    reportFailure(store, 'finish an action', event.error ?? event.message);
  };
  target.addEventListener('unhandledrejection', onRejection);
  target.addEventListener('error', onError);
  return () => {
    target.removeEventListener('unhandledrejection', onRejection);
    target.removeEventListener('error', onError);
  };
}
