import type { Problem } from '../model/problems';

type Raw = Record<string, unknown>;

export interface RawCollections {
  trustBoundaries: Raw[];
  components: Raw[];
  dataFlows: Raw[];
  userThreats: Raw[];
}

/**
 * Repairs what concurrent edits can break although each peer's edit was valid: a flow drawn to a
 * component another participant deleted at the same moment, a component moved into a boundary
 * deleted meanwhile, two boundaries each nested into the other by two people at once. The gate
 * would refuse the whole model for any of these, and would go on refusing it, since no peer can
 * see the valid model that would let it fix the problem. So the reader repairs them the way the
 * editor's own delete does (elementCommands.removeElements): flows lose with their ends, references
 * to a deleted boundary or threat target become null, and a nesting cycle is cut at its smallest id
 * — the same on every peer, since all of them read the same Y document. Every repair is reported.
 *
 * Runs before validation on raw values: only string references are looked at, everything else is
 * left for the gate to refuse. Never mutates its input (raw elements are cached by the reader).
 */
export function repairReferences(raw: RawCollections): { repaired: RawCollections; repairs: Problem[] } {
  const repairs: Problem[] = [];
  const boundaryIds = new Set(raw.trustBoundaries.map((b) => b['id']));
  const componentIds = new Set(raw.components.map((c) => c['id']));

  const kept = raw.dataFlows.filter((flow, i) => {
    for (const end of ['sourceId', 'targetId'] as const) {
      const id = flow[end];
      if (typeof id === 'string' && !componentIds.has(id)) {
        repairs.push({
          path: `$.dataFlows[${i}].${end}`,
          message: `dropped data flow "${String(flow['id'])}": its end "${id}" was deleted by another participant`,
        });
        return false;
      }
    }
    return true;
  });
  // Lists nothing was repaired in are returned as they came: the reader caches them by identity.
  const dataFlows = kept.length === raw.dataFlows.length ? raw.dataFlows : kept;
  const flowIds = new Set(dataFlows.map((f) => f['id']));

  const components = mapSame(raw.components, (c, i) =>
    clearDangling(c, 'boundaryId', (id) => boundaryIds.has(id), `$.components[${i}]`, repairs),
  );
  let trustBoundaries = mapSame(raw.trustBoundaries, (b, i) =>
    clearDangling(b, 'parentId', (id) => boundaryIds.has(id), `$.trustBoundaries[${i}]`, repairs),
  );
  trustBoundaries = breakCycles(trustBoundaries, repairs);
  const userThreats = mapSame(raw.userThreats, (t, i) =>
    clearDangling(
      t,
      'targetId',
      (id) => id === 'model' || componentIds.has(id) || flowIds.has(id) || boundaryIds.has(id),
      `$.userThreats[${i}]`,
      repairs,
    ),
  );
  return { repaired: { trustBoundaries, components, dataFlows, userThreats }, repairs };
}

function mapSame(items: Raw[], f: (item: Raw, i: number) => Raw): Raw[] {
  const out = items.map(f);
  return out.every((item, i) => item === items[i]) ? items : out;
}

function clearDangling(
  element: Raw,
  key: string,
  exists: (id: string) => boolean,
  path: string,
  repairs: Problem[],
): Raw {
  const id = element[key];
  if (typeof id !== 'string' || exists(id)) return element;
  repairs.push({
    path: `${path}.${key}`,
    message: `"${String(element['id'])}" referred to "${id}", deleted by another participant: set to null`,
  });
  return { ...element, [key]: null };
}

/** Cuts every parentId cycle at the boundary with the smallest id in it. */
function breakCycles(boundaries: Raw[], repairs: Problem[]): Raw[] {
  const parentOf = new Map<unknown, unknown>(boundaries.map((b) => [b['id'], b['parentId']]));
  const cut = new Set<unknown>();
  const done = new Set<unknown>();
  for (const b of boundaries) {
    const trail: unknown[] = [];
    const onTrail = new Set<unknown>();
    let current: unknown = b['id'];
    while (typeof current === 'string' && parentOf.has(current) && !done.has(current)) {
      if (onTrail.has(current)) {
        const cycle = trail.slice(trail.indexOf(current)) as string[];
        cut.add([...cycle].sort()[0]);
        break;
      }
      onTrail.add(current);
      trail.push(current);
      current = cut.has(current) ? null : parentOf.get(current);
    }
    for (const id of trail) done.add(id);
  }
  if (cut.size === 0) return boundaries;
  return mapSame(boundaries, (b, i) => {
    if (!cut.has(b['id'])) return b;
    repairs.push({
      path: `$.trustBoundaries[${i}].parentId`,
      message: `trust boundary "${String(b['id'])}" was nested inside itself by concurrent edits: parentId set to null`,
    });
    return { ...b, parentId: null };
  });
}
