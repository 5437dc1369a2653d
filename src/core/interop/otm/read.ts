import { formatPath, quote, type Problem } from '../../model/problems';
import { isObject } from '../shared/isObject';
import { Notes } from '../shared/notes';

type Path = readonly (string | number)[];

/**
 * Reads a foreign JSON file field by field: `null` counts as absent everywhere (OTM and TM-BOM
 * writers use it for "not set"), a required field of the wrong type is a problem with its JSON
 * path, an optional one of the wrong type is ignored and said in the notes.
 */
export class ForeignReader {
  readonly problems: Problem[] = [];
  readonly notes = new Notes();

  problem(path: Path, message: string): void {
    if (this.problems.length < 200) this.problems.push({ path: formatPath([...path]), message });
  }

  ignored(path: Path, expected: string): void {
    const shown = formatPath([...path]).replace(/\[\d+\]/g, '[*]');
    this.notes.group(
      `ignored:${shown}`,
      (items) =>
        `${shown} is not ${expected} in ${items.length} place${items.length === 1 ? '' : 's'} and was ignored.`,
      formatPath([...path]),
    );
  }

  /** A string field; `required` makes a missing or wrong value a problem. */
  string(obj: Record<string, unknown>, key: string, path: Path, required = false): string | undefined {
    const v = obj[key];
    if (typeof v === 'string') return v;
    if (v === undefined || v === null) {
      if (required) this.problem([...path, key], 'is required (a string)');
      return undefined;
    }
    if (required) this.problem([...path, key], `must be a string, got ${typeName(v)}`);
    else this.ignored([...path, key], 'a string');
    return undefined;
  }

  number(obj: Record<string, unknown>, key: string, path: Path): number | undefined {
    const v = obj[key];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (v !== undefined && v !== null) this.ignored([...path, key], 'a number');
    return undefined;
  }

  boolean(obj: Record<string, unknown>, key: string, path: Path): boolean | undefined {
    const v = obj[key];
    if (typeof v === 'boolean') return v;
    if (v !== undefined && v !== null) this.ignored([...path, key], 'true or false');
    return undefined;
  }

  object(obj: Record<string, unknown>, key: string, path: Path): Record<string, unknown> | undefined {
    const v = obj[key];
    if (isObject(v)) return v;
    if (v !== undefined && v !== null) this.ignored([...path, key], 'an object');
    return undefined;
  }

  /** The objects of an array field; a non-object entry is a problem (it cannot be skipped silently). */
  objects(obj: Record<string, unknown>, key: string, path: Path, max: number): Record<string, unknown>[] {
    const v = obj[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.problem([...path, key], `must be a list, got ${typeName(v)}`);
      return [];
    }
    if (v.length > max) {
      this.problem([...path, key], `has ${v.length} entries; at most ${max} can be imported`);
      return [];
    }
    const out: Record<string, unknown>[] = [];
    v.forEach((item: unknown, i) => {
      if (isObject(item)) out.push(item);
      else if (item !== null) this.problem([...path, key, i], `must be an object, got ${typeName(item)}`);
    });
    return out;
  }

  strings(obj: Record<string, unknown>, key: string, path: Path): string[] {
    const v = obj[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.ignored([...path, key], 'a list');
      return [];
    }
    return v.filter((s): s is string => typeof s === 'string');
  }
}

export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  // A string from the file is quoted with its control and bidi characters made visible: a
  // problem message reaches terminals, CI logs and the editor's banners.
  if (typeof v === 'string') return `string ${quote(v, 40)}`;
  return `${typeof v} ${JSON.stringify(v) ?? ''}`.trim();
}
