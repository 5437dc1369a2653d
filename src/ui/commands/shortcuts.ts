/**
 * Shortcuts are written "Mod+Shift+Z": Mod is Ctrl, or ⌘ on a Mac. Letters match case-insensitively.
 */
export function matchesShortcut(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
  shortcut: string,
): boolean {
  const parts = shortcut.split('+');
  const key = parts.pop() ?? '';
  const mod = parts.includes('Mod');
  const shift = parts.includes('Shift');
  const alt = parts.includes('Alt');
  if ((event.ctrlKey || event.metaKey) !== mod || event.altKey !== alt) return false;
  // "?" needs Shift on most layouts; do not require the user to say so.
  if (key.length === 1 && !/[a-z0-9]/i.test(key)) return event.key === key;
  if (event.shiftKey !== shift) return false;
  return event.key.toLowerCase() === key.toLowerCase();
}

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** How a shortcut reads on this machine. */
export function shortcutLabel(shortcut: string): string {
  return shortcut
    .split('+')
    .map((part) => (part === 'Mod' ? (IS_MAC ? '⌘' : 'Ctrl') : part))
    .join('+');
}

/** Keys typed into a field belong to the field, not to the editor. */
export function isEditableTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(type);
}
