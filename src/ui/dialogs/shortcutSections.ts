import type { Command } from '../commands/commandRegistry';
import { shortcutLabel } from '../commands/shortcuts';
import { REVIEW_KEYS } from '../review/reviewKeys';

/**
 * The help dialog's sections, built from the command registry so a new command with a shortcut
 * appears in its group without touching the dialog. A section lists only rows that have keys, and
 * a section without rows is left out.
 */
export interface ShortcutRow {
  label: string;
  /** Keys as this machine reads them ("Ctrl+Z", or "⌘+Z" on a Mac). */
  keys: string[];
  /** Where the keys work, when not everywhere ("on the canvas"). */
  where?: string;
}

export interface ShortcutSection {
  title: string;
  rows: ShortcutRow[];
}

/**
 * Commands filed by what they act on rather than the toolbar menu they sit in: "Keyboard
 * shortcuts" and "Clear selection / close" work everywhere, not on the view.
 */
const SECTION_OF: Record<string, string> = {
  help: 'General',
  escape: 'General',
};

const SECTION_ORDER = ['General', 'File', 'Edit', 'View', 'Review', 'Export'];

/** Keys that belong to no command: they act on the canvas or inside review mode. */
const EXTRA_ROWS: Record<string, ShortcutRow[]> = {
  Edit: [{ label: 'Move selected components', keys: ['Arrow keys'], where: 'on the canvas' }],
  Review: REVIEW_KEYS.map(([keys, what]) => ({ label: what, keys: [keys] })),
};

export function shortcutSections(commands: readonly Command[]): ShortcutSection[] {
  const sections = new Map<string, ShortcutRow[]>(SECTION_ORDER.map((title) => [title, []]));
  for (const c of commands) {
    if (c.shortcuts.length === 0) continue;
    const title = SECTION_OF[c.id] ?? c.group;
    const rows = sections.get(title) ?? [];
    rows.push({ label: c.label, keys: c.shortcuts.map(shortcutLabel) });
    sections.set(title, rows);
  }
  for (const [title, extra] of Object.entries(EXTRA_ROWS))
    sections.set(title, [...(sections.get(title) ?? []), ...extra]);
  return [...sections].filter(([, rows]) => rows.length > 0).map(([title, rows]) => ({ title, rows }));
}
