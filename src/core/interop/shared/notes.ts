import { escapeControls, quoted } from './text';

/**
 * Collects an importer's remarks, grouping repeated ones ("3 text annotations were not imported:
 * …") so that a large file gives a short, readable list. Order is first-seen, so deterministic.
 *
 * Notes are printed to a terminal (the convert command writes them to stderr), so every piece of
 * file text in a note must be quoted with `quoted` or `quoteList`, which escape control characters
 * and cut long values. As a last line of defence, `list` escapes any control character left.
 */
export class Notes {
  private readonly order: string[] = [];
  private readonly groups = new Map<
    string,
    { format: (items: string[]) => string; items: string[]; seen: Set<string> }
  >();

  /** A one-off remark. */
  add(message: string): void {
    this.group(message, () => message, '');
  }

  /** A remark about `item` that is merged with the others of the same `category`. */
  group(category: string, format: (items: string[]) => string, item: string): void {
    let entry = this.groups.get(category);
    if (!entry) {
      entry = { format, items: [], seen: new Set() };
      this.groups.set(category, entry);
      this.order.push(category);
    }
    if (item !== '' && !entry.seen.has(item)) {
      entry.seen.add(item);
      entry.items.push(item);
    }
  }

  list(): string[] {
    return this.order.map((category) => {
      const entry = this.groups.get(category)!;
      return escapeControls(entry.format(entry.items));
    });
  }
}

/** `"a", "b" and 3 more` for notes about many items of file text (sanitised, see `quoted`). */
export function quoteList(items: readonly string[], limit = 5): string {
  const shown = items.slice(0, limit).map((i) => quoted(i.replace(/\s+/g, ' '), 60));
  const rest = items.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

/** `a, b and 3 more` for notes about many items that are already safe to print (JSON paths, quoted text). */
export function joinList(items: readonly string[], limit = 10): string {
  const shown = items.slice(0, limit);
  const rest = items.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}
