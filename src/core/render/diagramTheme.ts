import type { Severity, Zone } from '../model/vocabulary';

/** Colours of an exported diagram: the canvas's own palette (src/ui/styles/app.css), as values. */
export interface DiagramTheme {
  background: string;
  nodeFill: string;
  nodeStroke: string;
  text: string;
  muted: string;
  edge: string;
  /** Behind a flow label, so the line under it does not strike it through. */
  labelFill: string;
  iconFill: string;
  /** Text on a badge. */
  badgeText: string;
  zones: Readonly<Record<Zone, string>>;
  /** Zone colours mixed towards the text colour: zone tags and boundary labels stay readable. */
  zoneText: Readonly<Record<Zone, string>>;
  severities: Readonly<Record<Severity, string>>;
}

export type DiagramThemeName = 'light' | 'dark';

const ZONES: Record<Zone, string> = {
  internet: '#d9485f',
  dmz: '#d98b1f',
  internal: '#3479c9',
  restricted: '#6a3fc2',
  'third-party': '#2a8f7a',
};

export const DIAGRAM_THEMES: Readonly<Record<DiagramThemeName, DiagramTheme>> = {
  light: {
    background: '#fbfcfd',
    nodeFill: '#ffffff',
    nodeStroke: '#aab3c2',
    text: '#1d2430',
    muted: '#5b6575',
    edge: '#6b7687',
    labelFill: '#ffffff',
    iconFill: '#eef2f8',
    badgeText: '#ffffff',
    zones: ZONES,
    zoneText: {
      internet: '#a3263b',
      dmz: '#8a5300',
      internal: '#1f5597',
      restricted: '#4f2b99',
      'third-party': '#1b6453',
    },
    severities: { critical: '#a3120c', high: '#c2410c', medium: '#9a6100', low: '#3c6e9c' },
  },
  dark: {
    background: '#171a20',
    nodeFill: '#222733',
    nodeStroke: '#4a5366',
    text: '#e6e9ef',
    muted: '#9aa3b2',
    edge: '#8d97a8',
    labelFill: '#1b1f26',
    iconFill: '#2c3342',
    badgeText: '#0d1117',
    zones: ZONES,
    zoneText: {
      internet: '#f0909f',
      dmz: '#f0b666',
      internal: '#8ab8ec',
      restricted: '#b59af0',
      'third-party': '#74cbb6',
    },
    severities: { critical: '#ff6b63', high: '#ff9a5c', medium: '#e0b341', low: '#7fb3e6' },
  },
};

/**
 * `colour` mixed with `base` (both `#rrggbb`): `amount` of the first. Fills are opaque mixes
 * rather than transparent colours because not every SVG renderer honours fill-opacity
 * (ImageMagick's own renderer draws it opaque).
 */
export function mixColours(colour: string, base: string, amount: number): string {
  const channel = (hex: string, i: number) => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  let out = '#';
  for (let i = 0; i < 3; i++) {
    const value = Math.round(channel(colour, i) * amount + channel(base, i) * (1 - amount));
    out += value.toString(16).padStart(2, '0');
  }
  return out;
}
