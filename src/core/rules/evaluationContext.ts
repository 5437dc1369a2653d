import type { ThreatModelDocument, PropValue } from '../model/document';
import type { FactValue } from '../library/librarySchema';
import type { Library } from '../library/loadLibrary';
import { buildGraphIndex, graphWithFlows, type GraphIndex } from '../graph/graphIndex';
import { analyseGraph, type GraphFacts } from './graphFacts';

/**
 * Everything rules ask about a document, computed once per evaluation: indexes, resolved
 * properties, zones and the graph facts. Facts read from here; nothing is recomputed per rule.
 */
export interface EvaluationContext {
  doc: ThreatModelDocument;
  library: Library;
  graph: GraphIndex;
  types: string[];
  /** The catalogue default of each property, per component type. */
  typeDefaults: Map<string, Record<string, PropValue>>;
  /** A component's property: its own value, else the catalogue default of its type, else undefined. */
  prop: (index: number, name: string) => PropValue | undefined;
  /** Whether the value of a property comes from the catalogue default, not the model. */
  isDefaulted: (index: number, name: string) => boolean;
  /** Zone of each component's boundary, or "none". */
  zones: string[];
  boundaryIndexOf: Map<string, number>;
  /** Zone of each boundary's parent, or "none". */
  parentZones: string[];
  boundaryDepth: number[];
  /** Component types inside each boundary, nested boundaries included. */
  boundaryContents: string[][];
  facts: GraphFacts;
  /** Per-evaluation cache of list facts, which allocate: many rules and flows ask the same component. */
  memo: Map<string, (FactValue | undefined)[]>;
  /** Per-evaluation results of compiled path and `some` conditions, keyed by the compiled node. */
  nodeMemo: Map<object, unknown>;
  /** Flow index by id, built on first use (explanations look flows up by id). */
  flowIndexOf?: Map<string, number>;
}

export function buildEvaluationContext(doc: ThreatModelDocument, library: Library): EvaluationContext {
  const ctx = contextWithoutFacts(doc, library);
  ctx.facts = analyseGraph(ctx);
  return ctx;
}

/** A context whose graph facts the caller sets (`facts` is unset): a new analysis, or an extended one. */
export function contextWithoutFacts(doc: ThreatModelDocument, library: Library): EvaluationContext {
  const graph = buildGraphIndex(doc);
  const boundaryIndexOf = new Map(doc.trustBoundaries.map((b, i) => [b.id, i]));
  const zoneOfBoundary = (id: string | null | undefined) => {
    const index = id == null ? undefined : boundaryIndexOf.get(id);
    return index === undefined ? 'none' : doc.trustBoundaries[index]!.zone;
  };
  const defaults = typeDefaultsOf(library);
  const types: string[] = [];
  const zones: string[] = [];
  // The catalogue's own string for each type: a parsed document holds a separate string per
  // component, and comparing those missed the cache on large models. (Types the catalogue does
  // not know are kept as they are.)
  const typeNames = typeNamesOf(library);
  for (const c of doc.components) {
    types.push(typeNames.get(c.type) ?? c.type);
    zones.push(zoneOfBoundary(c.boundaryId));
  }
  const parentZones = doc.trustBoundaries.map((b) => zoneOfBoundary(b.parentId));
  const boundaryDepth = doc.trustBoundaries.map((b) => {
    let depth = 0;
    let parent = b.parentId;
    while (parent != null && depth < doc.trustBoundaries.length) {
      depth++;
      parent = doc.trustBoundaries[boundaryIndexOf.get(parent) ?? -1]?.parentId;
    }
    return depth;
  });
  const contents = doc.trustBoundaries.map(() => new Set<string>());
  doc.components.forEach((c) => {
    let boundary = c.boundaryId;
    for (let hops = 0; boundary != null && hops <= doc.trustBoundaries.length; hops++) {
      const index = boundaryIndexOf.get(boundary);
      // A boundary that has the type has passed it up its whole chain already.
      if (index === undefined || contents[index]!.has(c.type)) break;
      contents[index]!.add(c.type);
      boundary = doc.trustBoundaries[index]!.parentId;
    }
  });
  const base = {
    doc,
    library,
    graph,
    types,
    typeDefaults: defaults,
    prop: undefined as unknown as EvaluationContext['prop'],
    isDefaulted: undefined as unknown as EvaluationContext['isDefaulted'],
    zones,
    boundaryIndexOf,
    parentZones,
    boundaryDepth,
  };
  const ctx: EvaluationContext = {
    ...base,
    boundaryContents: contents.map((s) => [...s].sort()),
    facts: undefined as unknown as GraphFacts,
    memo: new Map(),
    nodeMemo: new Map(),
  };
  bindProperties(ctx);
  return ctx;
}

const typeNamesByLibrary = new WeakMap<Library, Map<string, string>>();

function typeNamesOf(library: Library): Map<string, string> {
  let names = typeNamesByLibrary.get(library);
  if (!names) {
    names = new Map(library.componentTypes.map((t) => [t.id, t.id]));
    typeNamesByLibrary.set(library, names);
  }
  return names;
}

const defaultsByLibrary = new WeakMap<Library, Map<string, Record<string, PropValue>>>();

/**
 * The catalogue default of each property, per component type: looked up per type rather than
 * copied into every component (no per-component objects, which kept 10,000-component evaluations
 * busy allocating and collecting), and built once per library, which never changes.
 */
function typeDefaultsOf(library: Library): Map<string, Record<string, PropValue>> {
  let defaults = defaultsByLibrary.get(library);
  if (!defaults) {
    defaults = new Map(
      library.componentTypes.map((t) => [
        t.id,
        Object.fromEntries(t.properties.map((p) => [p.name, p.default])) as Record<string, PropValue>,
      ]),
    );
    defaultsByLibrary.set(library, defaults);
  }
  return defaults;
}

/**
 * `prop` and `isDefaulted` of a context. They read the context's current document, not the one it
 * was built from: the incremental evaluator patches `doc` in place when an edit leaves every index
 * and graph fact as it was.
 */
function bindProperties(ctx: EvaluationContext): void {
  const { typeDefaults, types } = ctx;
  const own = (i: number, name: string) => {
    const props = ctx.doc.components[i]!.props;
    return props === undefined || !Object.hasOwn(props, name) ? undefined : props[name];
  };
  const prop = (i: number, name: string) => {
    const value = own(i, name);
    if (value !== undefined) return value;
    const defaults = typeDefaults.get(types[i]!);
    return defaults && Object.hasOwn(defaults, name) ? defaults[name] : undefined;
  };
  ctx.prop = prop;
  ctx.isDefaulted = (i, name) => own(i, name) === undefined && prop(i, name) !== undefined;
}

/**
 * A context for `doc`, which has the components (same objects, same order) and boundaries of
 * `old.doc` and other flows: everything that does not depend on flows is shared with `old`; the
 * graph index is new; the graph facts are `old`'s until the caller sets them; the caches are empty.
 */
export function contextWithFlows(
  old: EvaluationContext,
  doc: ThreatModelDocument,
  /** Where each flow of `doc` was in `old.doc` (-1: not there); without it every flow is looked up. */
  oldIndexOfFlow?: Int32Array,
): EvaluationContext {
  const ctx: EvaluationContext = {
    ...old,
    doc,
    graph: oldIndexOfFlow
      ? graphWithFlows(old.graph, doc.dataFlows, oldIndexOfFlow)
      : buildGraphIndex(doc, old.graph.indexOf),
    memo: new Map(),
    nodeMemo: new Map(),
  };
  delete ctx.flowIndexOf;
  bindProperties(ctx);
  return ctx;
}
