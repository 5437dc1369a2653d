import { readJsonTrailer, withJsonTrailer } from '../otm/trailer';

/**
 * What TM-BOM says and our model has no field for is kept in descriptions, as a last line
 * `[tm-bom] {json}` (see ../otm/trailer.ts): on elements their TM-BOM kind, type and extra fields;
 * on the model (meta.description) the parts that are not elements (scope, trust boundaries, data
 * sets, personas, assumptions, risks), so an export writes them back.
 */
export const TM_BOM_MARK = '[tm-bom] ';

export function keep(description: string | undefined, value: Record<string, unknown>): string | undefined {
  return withJsonTrailer(description, TM_BOM_MARK, value);
}

export function kept(description: string | undefined): {
  text: string | undefined;
  value: Record<string, unknown>;
} {
  return readJsonTrailer(description, TM_BOM_MARK);
}
