/**
 * Collects an importer's remarks, grouping repeated ones ("3 text annotations were not imported:
 * …") so that a large file gives a short, readable list. Order is first-seen, so deterministic.
 */
export class Notes {
  private readonly order: string[] = [];
  private readonly groups = new Map<string, { format: (items: string[]) => string; items: string[] }>();

  /** A one-off remark. */
  add(message: string): void {
    this.group(message, () => message, '');
  }

  /** A remark about `item` that is merged with the others of the same `category`. */
  group(category: string, format: (items: string[]) => string, item: string): void {
    let entry = this.groups.get(category);
    if (!entry) {
      entry = { format, items: [] };
      this.groups.set(category, entry);
      this.order.push(category);
    }
    if (item !== '' && !entry.items.includes(item)) entry.items.push(item);
  }

  list(): string[] {
    return this.order.map((category) => {
      const entry = this.groups.get(category)!;
      return entry.format(entry.items);
    });
  }
}

/** `"a", "b" and 3 more` for notes about many items. */
export function quoteList(items: readonly string[], limit = 5): string {
  const shown = items.slice(0, limit).map((i) => `"${i.replace(/\s+/g, ' ').slice(0, 60)}"`);
  const rest = items.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}
