/**
 * What TM-BOM says and our model has no field for is kept in the document's `interop.tmBom`
 * section (model/interopData.ts): for elements their TM-BOM name, kind, type and extra fields, for
 * user threats the TM-BOM threat's, and for the model the parts that are not elements (scope,
 * trust boundaries, data sets, personas, assumptions, risks), so an export writes them back.
 * Descriptions stay the file's own text. Older documents kept these as a `[tm-bom] {…}` last line
 * of the description: such a line is left as it is (it is text to us), and no longer read.
 */
import type { ThreatModelDocument } from '../../model/document';
import type { TmBomInterop, TmBomKeptFields } from '../../model/interopData';

type Obj = Record<string, unknown>;

/** What a TM-BOM import keeps, as it reads the file; `section()` is the document's `interop.tmBom`. */
export class TmBomKeeper {
  private model: TmBomKeptFields | undefined;
  private readonly elements: Record<string, TmBomKeptFields> = Object.create(null) as Record<
    string,
    TmBomKeptFields
  >;
  private readonly threats: Record<string, TmBomKeptFields> = Object.create(null) as Record<
    string,
    TmBomKeptFields
  >;

  /** The model's own parts. Values come from parsed JSON, so they are JSON. */
  keepModel(parts: Obj): void {
    if (Object.keys(parts).length > 0) this.model = { ...parts } as TmBomKeptFields;
  }

  element(id: string, fields: Obj): void {
    if (Object.keys(fields).length > 0) this.elements[id] = { ...fields } as TmBomKeptFields;
  }

  threat(id: string, fields: Obj): void {
    if (Object.keys(fields).length > 0) this.threats[id] = { ...fields } as TmBomKeptFields;
  }

  section(): TmBomInterop | undefined {
    const out: TmBomInterop = {};
    if (this.model) out.model = this.model;
    if (Object.keys(this.elements).length > 0) out.elements = { ...this.elements };
    if (Object.keys(this.threats).length > 0) out.threats = { ...this.threats };
    return Object.keys(out).length > 0 ? out : undefined;
  }
}

/** The model's kept parts (none: `{}`). */
export function keptModel(doc: ThreatModelDocument): Readonly<Obj> {
  return doc.interop?.tmBom?.model ?? {};
}

/** What the import kept for one of our trust boundaries, components or flows (none: `{}`). */
export function keptElement(doc: ThreatModelDocument, id: string): Readonly<Obj> {
  return doc.interop?.tmBom?.elements?.[id] ?? {};
}

/** What the import kept for one of our user threats (none: `{}`). */
export function keptThreat(doc: ThreatModelDocument, id: string | undefined): Readonly<Obj> {
  return id === undefined ? {} : (doc.interop?.tmBom?.threats?.[id] ?? {});
}
