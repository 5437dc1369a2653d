/**
 * What an OTM file said that our model has no field for (an OTM component type, the OTM ids of a
 * threat and its mitigations, the flow a reverse direction was split from, ratings and risks) is
 * kept in the document's `interop.otm` section, by our element and user threat ids
 * (model/interopData.ts), and the exporter writes it back. Descriptions stay the file's own text.
 * Older documents kept these as an `[otm] {…}` last line of the description: such a line is left
 * as it is (it is text to us), and no longer read.
 */
import type { ThreatModelDocument } from '../../model/document';
import type { OtmInterop, OtmKept } from '../../model/interopData';

export type { OtmKept };

/** What an OTM import keeps, as it reads the file; `section()` is the document's `interop.otm`. */
export class OtmKeeper {
  private readonly elements: Record<string, OtmKept> = Object.create(null) as Record<string, OtmKept>;
  private readonly threats: Record<string, OtmKept> = Object.create(null) as Record<string, OtmKept>;

  element(id: string, kept: OtmKept): void {
    if (Object.keys(kept).length > 0) this.elements[id] = kept;
  }

  threat(id: string, kept: OtmKept): void {
    if (Object.keys(kept).length > 0) this.threats[id] = kept;
  }

  section(): OtmInterop | undefined {
    const elements = Object.keys(this.elements).length > 0 ? { elements: { ...this.elements } } : {};
    const threats = Object.keys(this.threats).length > 0 ? { threats: { ...this.threats } } : {};
    return Object.keys(elements).length + Object.keys(threats).length > 0
      ? { ...elements, ...threats }
      : undefined;
  }
}

/** What the import kept for one of our trust boundaries, components or flows (none: `{}`). */
export function keptElement(doc: ThreatModelDocument, id: string): OtmKept {
  return doc.interop?.otm?.elements?.[id] ?? {};
}

/** What the import kept for one of our user threats (none: `{}`). */
export function keptThreat(doc: ThreatModelDocument, id: string | undefined): OtmKept {
  return id === undefined ? {} : (doc.interop?.otm?.threats?.[id] ?? {});
}
