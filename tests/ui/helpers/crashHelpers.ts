import { serialiseDocument, type ThreatModelDocument } from '../../../src/core/index';
import { decodeAutosave } from '../../../src/ui/store/autosaveRecord';

/** The document an autosave record holds, as JSON, or null when there is none. */
export function autosavedDocument(text: string | null): unknown {
  if (text === null) return null;
  const decoded = decodeAutosave(text);
  return decoded.ok ? decoded.document : null;
}

/** A document as autosave writes it, to compare with `autosavedDocument`. */
export const asStored = (doc: ThreatModelDocument): unknown => JSON.parse(serialiseDocument(doc));
