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

/** Colours behind white name labels (contrast of 5.4:1 or more), distinct from each other. */
const PALETTE = ['#c92a2a', '#1864ab', '#237032', '#862e9c', '#a61e4d', '#0b7285', '#5f3dc4', '#a64b00'];

/** A colour per participant: random per session, so two people called "Sam" still differ. */
export function participantColor(random: () => number = Math.random): string {
  return PALETTE[Math.floor(random() * PALETTE.length)] ?? PALETTE[0]!;
}
