import { useCallback, useEffect, useState } from 'react';
import type { LibraryListing } from '../platform/documentLibrary';
import { useAppStore, useServices } from '../store/StoreContext';

/**
 * The library's documents, read again when this tab opens, deletes or restores one and when
 * another tab writes. `null` while loading; `failed` when the library cannot be read.
 */
export function useLibraryListing(): {
  listing: LibraryListing | null;
  failed: boolean;
  refresh: () => void;
} {
  const { documents } = useServices();
  const documentId = useAppStore((s) => s.documentId);
  const deleted = useAppStore((s) => s.deletedDocument);
  const [listing, setListing] = useState<LibraryListing | null>(null);
  const [failed, setFailed] = useState(false);
  const [nonce, setNonce] = useState(0);
  const refresh = useCallback(() => setNonce((n) => n + 1), []);
  useEffect(() => {
    if (!documents) return;
    let live = true;
    documents.list().then(
      (next) => live && (setListing(next), setFailed(false)),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [documents, documentId, deleted, nonce]);
  useEffect(() => documents?.watch?.(refresh), [documents, refresh]);
  return { listing, failed: failed || !documents, refresh };
}
