/** The participant's name, asked once and remembered by this browser; a colour derived from it. */
const NAME_KEY = 'aitm.collab.name';

export function rememberedName(): string {
  try {
    return localStorage.getItem(NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberName(name: string): void {
  try {
    localStorage.setItem(NAME_KEY, name);
  } catch {
    // Private mode or storage full: the name is used for this session only.
  }
}

/** Colours that stay readable as text and outlines on both themes. */
const PALETTE = ['#d9480f', '#1971c2', '#2f9e44', '#ae3ec9', '#e8590c', '#0c8599', '#c2255c', '#5f3dc4'];

/** A colour per participant: random per session, so two people called "Sam" still differ. */
export function participantColor(random: () => number = Math.random): string {
  return PALETTE[Math.floor(random() * PALETTE.length)] ?? PALETTE[0]!;
}
