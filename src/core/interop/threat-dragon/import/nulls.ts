/**
 * Threat Dragon writes `null` for fields it has no value for (its own test models have
 * `"type": null`, `"threats": null`). A null in a field we read means the same as no field, so it
 * is dropped before the schema looks, at every level the importer reads. Presentation (attrs,
 * labels, markup) and our own `data.aitm` block, where null has a meaning, are left as they are.
 */
import { isObject } from '../../shared/isObject';

export function dropNulls(input: Record<string, unknown>): Record<string, unknown> {
  const model = withoutNulls(input);
  if (isObject(model['summary'])) model['summary'] = withoutNulls(model['summary']);
  if (isObject(model['detail'])) {
    const detail = withoutNulls(model['detail']);
    if (Array.isArray(detail['contributors']))
      detail['contributors'] = detail['contributors'].map((c) => (isObject(c) ? withoutNulls(c) : c));
    if (Array.isArray(detail['diagrams']))
      detail['diagrams'] = detail['diagrams'].map((d) => (isObject(d) ? diagram(d) : d));
    model['detail'] = detail;
  }
  return model;
}

function diagram(input: Record<string, unknown>): Record<string, unknown> {
  const out = withoutNulls(input);
  if (Array.isArray(out['cells'])) out['cells'] = out['cells'].map((c) => (isObject(c) ? cell(c) : c));
  return out;
}

function cell(input: Record<string, unknown>): Record<string, unknown> {
  const out = withoutNulls(input);
  for (const key of ['position', 'size', 'source', 'target'])
    if (isObject(out[key])) out[key] = withoutNulls(out[key]);
  if (isObject(out['data'])) {
    const data = withoutNulls(out['data']);
    if (Array.isArray(data['threats']))
      data['threats'] = data['threats'].map((t) => (isObject(t) ? withoutNulls(t) : t));
    out['data'] = data;
  }
  return out;
}

/** A shallow copy without the keys whose value is null (what is inside the others is not looked at). */
function withoutNulls(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) if (value !== null) out[key] = value;
  return out;
}
