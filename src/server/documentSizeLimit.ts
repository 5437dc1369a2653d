/**
 * Refuses an update that would make a room's Yjs state larger than the limit: the connection that
 * sent it is closed with "document too large" and the room keeps its last state (the update is
 * never applied). Sizes are tracked as an upper bound (state + every update since) so the exact,
 * O(document) measurement only runs when a room gets near the limit.
 */
import type {
  Document,
  Extension,
  afterLoadDocumentPayload,
  beforeSyncPayload,
  onChangePayload,
} from '@hocuspocus/server';
import * as Y from 'yjs';

export const DOCUMENT_TOO_LARGE = { code: 1009, reason: 'document too large' } as const;

const SYNC_STEP_2 = 1;
const UPDATE = 2;

export function documentSizeLimit(maxBytes: number, warn: (line: string) => void): Extension {
  const estimates = new WeakMap<Document, number>();
  const exactSize = (document: Document) => Y.encodeStateAsUpdate(document).byteLength;
  return {
    extensionName: 'DocumentSizeLimit',
    afterLoadDocument({ document }: afterLoadDocumentPayload) {
      estimates.set(document, exactSize(document));
      return Promise.resolve();
    },
    beforeSync({ document, documentName, connection, type, payload }: beforeSyncPayload) {
      if ((type !== SYNC_STEP_2 && type !== UPDATE) || connection.readOnly) return Promise.resolve();
      const estimate = (estimates.get(document) ?? exactSize(document)) + payload.byteLength;
      if (estimate <= maxBytes) return Promise.resolve();
      const current = Y.encodeStateAsUpdate(document);
      let after: number;
      try {
        after = Y.mergeUpdates([current, payload]).byteLength;
      } catch {
        // Not a Yjs update at all: Hocuspocus will fail to apply it; measure it as it comes.
        after = current.byteLength + payload.byteLength;
      }
      estimates.set(document, current.byteLength);
      if (after <= maxBytes) return Promise.resolve();
      warn(
        `refused an update to room ${JSON.stringify(documentName.slice(0, 64))}: ${after} bytes would exceed ${maxBytes}`,
      );
      return Promise.reject(DOCUMENT_TOO_LARGE);
    },
    onChange({ document, update }: onChangePayload) {
      estimates.set(document, (estimates.get(document) ?? exactSize(document)) + update.byteLength);
      return Promise.resolve();
    },
  };
}
