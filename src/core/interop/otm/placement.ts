/** Where an OTM element was drawn: its position and size in the file's first diagram representation. */
import { LIMITS } from '../../limits';
import { isObject } from '../shared/isObject';
import type { ForeignReader } from './read';

type Obj = Record<string, unknown>;

export interface DiagramRef {
  /** The id of the diagram representation whose positions we read (the first one). */
  id: string | undefined;
  /** The names of the other representations, for the notes. */
  others: string[];
}

export interface Placement {
  position?: { x: number; y: number };
  size?: { width: number; height: number };
}

export function diagramRepresentation(r: ForeignReader, input: Obj): DiagramRef {
  const reps = r.objects(input, 'representations', [], 1_000);
  const diagrams = reps.filter((rep) => rep['type'] === 'diagram' && typeof rep['id'] === 'string');
  return {
    id: diagrams[0]?.['id'] as string | undefined,
    others: reps
      .filter((rep) => rep !== diagrams[0])
      .map((rep) =>
        typeof rep['name'] === 'string' ? rep['name'] : typeof rep['id'] === 'string' ? rep['id'] : '?',
      ),
  };
}

export function placement(
  r: ForeignReader,
  element: Obj,
  path: (string | number)[],
  diagram: DiagramRef,
): Placement {
  const reps = r.objects(element, 'representations', path, 1_000);
  const rep = reps.find((x) => diagram.id === undefined || x['representation'] === diagram.id);
  if (!rep) return {};
  const out: Placement = {};
  const position = isObject(rep['position']) ? rep['position'] : undefined;
  const size = isObject(rep['size']) ? rep['size'] : undefined;
  if (
    position &&
    within(position['x'], -LIMITS.coordinate.value) &&
    within(position['y'], -LIMITS.coordinate.value)
  )
    out.position = { x: position['x'] as number, y: position['y'] as number };
  if (
    size &&
    within(size['width'], Number.MIN_VALUE) &&
    within(size['height'], Number.MIN_VALUE) &&
    (size['width'] as number) <= LIMITS.extent.value &&
    (size['height'] as number) <= LIMITS.extent.value
  )
    out.size = { width: size['width'] as number, height: size['height'] as number };
  return out;
}

function within(v: unknown, min: number): boolean {
  return typeof v === 'number' && Number.isFinite(v) && v >= min && Math.abs(v) <= LIMITS.coordinate.value;
}
