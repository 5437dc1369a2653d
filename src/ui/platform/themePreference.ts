import type { ThemeChoice } from '../store/appState';

const KEY = 'aitm.theme';

/** The theme choice is a preference of this browser, not part of the document. */
export function loadThemePreference(): ThemeChoice {
  try {
    const value = globalThis.localStorage?.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

export function saveThemePreference(theme: ThemeChoice): void {
  try {
    if (theme === 'system') globalThis.localStorage?.removeItem(KEY);
    else globalThis.localStorage?.setItem(KEY, theme);
  } catch {
    // A preference that cannot be stored is not worth a warning.
  }
}

/** Applies the choice to <html>; "system" leaves it to prefers-color-scheme in the CSS. */
export function applyTheme(theme: ThemeChoice, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', theme);
}
