/**
 * Line icons of the component types, drawn in a 24 × 24 box with a round 2-unit stroke and no
 * fill (the style of the canvas's line icons). Plain SVG shapes: no font, no emoji, so every SVG
 * renderer draws them the same.
 */

const CYLINDER =
  '<ellipse cx="12" cy="5" rx="8" ry="3"/><path d="M4 5v14c0 1.7 3.6 3 8 3s8-1.3 8-3V5M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3"/>';

const GLYPHS: Readonly<Record<string, string>> = {
  user: '<circle cx="12" cy="8" r="4"/><path d="M4 21v-1a6 6 0 0 1 6-6h4a6 6 0 0 1 6 6v1"/>',
  'data-source': '<path d="M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z"/>',
  'data-pipeline': '<path d="M3 7h12M11 3l4 4-4 4M21 17H9M13 13l-4 4 4 4"/>',
  'dataset-store': CYLINDER,
  training: '<path d="M3 17l6-6 4 4 8-8M15 7h6v6"/>',
  evaluation: '<path d="M9 3h6M10 3v6l-5 9a2 2 0 0 0 2 3h10a2 2 0 0 0 2-3l-5-9V3M7 15h10"/>',
  'pretrained-model': '<path d="M3 8l9-5 9 5v8l-9 5-9-5zM3 8l9 5 9-5M12 13v8"/>',
  'model-registry': '<path d="M3 3h18v5H3zM5 8v12h14V8M10 12h4"/>',
  'inference-api': '<path d="M4 4h16v6H4zM4 14h16v6H4zM8 7h.01M8 17h.01"/>',
  llm: '<rect x="6" y="6" width="12" height="12" rx="2"/><path d="M9 2v4M15 2v4M9 18v4M15 18v4M2 9h4M2 15h4M18 9h4M18 15h4M10 10h4v4h-4z"/>',
  'llm-app': '<path d="M4 5h16v11H9l-5 4zM8 10h8"/>',
  agent:
    '<rect x="5" y="8" width="14" height="12" rx="2"/><path d="M12 4v4M9 13v1M15 13v1M9 17h6"/><circle cx="12" cy="3" r="1"/>',
  'agent-tool': '<path d="M15 3a5 5 0 0 0-5 6.5L3.5 16 8 20.5l6.5-6.5A5 5 0 0 0 21 9l-3 3-3-3 3-3z"/>',
  'vector-store':
    '<circle cx="6" cy="18" r="2"/><circle cx="12" cy="6" r="2"/><circle cx="18" cy="15" r="2"/><path d="M7 16.5l4-8.5M13.5 7.5l3.5 6M8 17.6l8-2"/>',
  'memory-store': '<path d="M6 3h12v18l-6-4-6 4z"/>',
  guardrail: '<path d="M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z"/>',
  'feedback-store': '<path d="M12 3l2.7 5.6 6.2.9-4.5 4.3 1 6.2L12 17l-5.5 3 1-6.2L3 9.5l6.2-.9z"/>',
  monitoring: '<path d="M3 12h4l3-8 4 16 3-8h4"/>',
  'data-store': CYLINDER,
  'external-service': '<path d="M7 19a5 5 0 0 1-.6-10A6.5 6.5 0 0 1 18.5 10 4.5 4.5 0 0 1 18 19z"/>',
  'deployment-pipeline': '<path d="M12 3v12M7 8l5-5 5 5M4 15v4a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-4"/>',
  'human-review': '<path d="M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12z"/><circle cx="12" cy="12" r="3"/>',
  process:
    '<circle cx="12" cy="12" r="3.5"/><path d="M12 2v4M12 18v4M2 12h4M18 12h4M4.9 4.9l2.8 2.8M16.3 16.3l2.8 2.8M4.9 19.1l2.8-2.8M16.3 7.7l2.8-2.8"/>',
  'identity-provider': '<circle cx="8" cy="15" r="4"/><path d="M11 12l9-9M17 6l3 3M14 9l2 2"/>',
  'edge-device': '<rect x="7" y="2" width="10" height="20" rx="2"/><path d="M11 18h2"/>',
  'code-interpreter': '<path d="M8 8l-5 4 5 4M16 8l5 4-5 4M14 4l-4 16"/>',
};

/** A type the icons do not know (a custom library's): a plain rounded square. */
const UNKNOWN = '<rect x="4" y="4" width="16" height="16" rx="3"/><path d="M9 12h6"/>';

/** The icon of a component type, as SVG shapes in a 24 × 24 box (stroke and fill set by the caller). */
export function typeGlyph(type: string): string {
  return Object.hasOwn(GLYPHS, type) ? GLYPHS[type]! : UNKNOWN;
}
