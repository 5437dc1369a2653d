// First, before the core builds its schemas: the worker runs under the page's CSP too.
import '../platform/noDynamicCode';
import { shippedLibrary } from '../../core';
import { describeError } from '../errors/reportFailure';
import { runJob } from './workJobs';
import type { WorkMessage, WorkReply } from './workProtocol';

/**
 * The background worker: one job per worker, run with the shipped library as the base, progress
 * and the result posted back. The editor ends the worker to cancel, so a job needs no checks.
 */
const post = (reply: WorkReply) => self.postMessage(reply);

self.onmessage = async (event: MessageEvent<WorkMessage>) => {
  try {
    const result = await runJob(event.data.request, {
      baseLibrary: shippedLibrary(),
      progress: (stage) => post({ type: 'progress', stage }),
    });
    post({ type: 'done', result });
  } catch (error) {
    post({ type: 'failed', reason: describeError(error) });
  }
};
