import {
  createEmptyDocument,
  parseDocument,
  type Component,
  type DataFlow,
  type Library,
  type ThreatModelDocument,
  type TrustBoundary,
} from '../../src/core/index';

/**
 * The one place tests build threat models, so each test states only what matters to it. Elements
 * are plain objects with defaults (label = id); `extra` sets anything else (label, position,
 * description…). Tests that need deliberately odd raw JSON (parser, fuzz, hostile input) write
 * it inline on purpose, and do not belong here.
 */

type Extra<T> = Partial<Omit<T, 'id'>>;

/** A component; empty `props` are left out, as the app stores a component nobody has edited. */
export const component = (
  id: string,
  type: string,
  props: Component['props'] = {},
  boundaryId?: string,
  extra: Extra<Component> = {},
): Component => ({
  id,
  type,
  label: id,
  ...(boundaryId ? { boundaryId } : {}),
  ...(props && Object.keys(props).length > 0 ? { props } : {}),
  ...extra,
});

export const flow = (
  sourceId: string,
  targetId: string,
  props: DataFlow['props'] = {},
  id = `${sourceId}->${targetId}`,
  extra: Extra<DataFlow> = {},
): DataFlow => ({
  id,
  sourceId,
  targetId,
  label: '',
  ...(props && Object.keys(props).length > 0 ? { props } : {}),
  ...extra,
});

export const boundary = (
  id: string,
  zone: TrustBoundary['zone'],
  parentId?: string,
  extra: Extra<TrustBoundary> = {},
): TrustBoundary => ({
  id,
  label: id,
  zone,
  ...(parentId ? { parentId } : {}),
  ...extra,
});

/** An otherwise empty document (title "test" unless given) with the given parts. */
export function model(
  parts: Partial<Omit<ThreatModelDocument, 'meta'>> & { title?: string } = {},
): ThreatModelDocument {
  const { title = 'test', ...rest } = parts;
  return { ...createEmptyDocument(title), ...rest };
}

/** A user talking to an inference API inside a cloud boundary, over a plain-text flow. */
export function apiModel(): ThreatModelDocument {
  return model({
    title: 'Chat service',
    trustBoundaries: [
      boundary('tb-cloud', 'internal', undefined, {
        label: 'Cloud',
        position: { x: 300, y: 0 },
        size: { width: 400, height: 300 },
      }),
    ],
    components: [
      component('c-user', 'user', {}, undefined, { label: 'Customer', position: { x: 0, y: 100 } }),
      component('c-api', 'inference-api', {}, 'tb-cloud', {
        label: 'Chat API',
        position: { x: 350, y: 100 },
      }),
    ],
    dataFlows: [flow('c-user', 'c-api', {}, 'f-1', { label: 'questions' })],
  });
}

/** Parses raw model JSON, failing the test with the problems if it does not parse. */
export function parseOk(raw: unknown, library: Library): ThreatModelDocument {
  const result = parseDocument(raw, { catalogue: library.catalogue });
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return result.value;
}
