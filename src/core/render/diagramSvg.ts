import type { Rect } from '../layout/geometry';
import type { ThreatModelDocument } from '../model/document';
import { DIAGRAM_THEMES, mixColours, type DiagramTheme, type DiagramThemeName } from './diagramTheme';
import { diagramLayout } from './diagramLayout';
import type { ElementBadge } from './findingBadges';
import { num, placeLabel, routeFlow } from './flowRoute';
import { RectGrid } from './rectGrid';
import { BOLD, cleanText, ellipsis, textWidth, wrapText, xmlText } from './svgText';
import { typeGlyph } from './typeGlyphs';

export interface DiagramSvgOptions {
  /** Light (the default) or dark colours. */
  theme?: DiagramThemeName;
  /**
   * Open-findings badges by element id (findingBadges computes them from an evaluation): the
   * renderer does not evaluate, so it draws what the caller's findings say.
   */
  badges?: ReadonlyMap<string, ElementBadge>;
  /** Display names of the component types (a library's `catalogue.types`); the type id otherwise. */
  types?: ReadonlyMap<string, { label: string }>;
}

/**
 * A generic font stack: the renderer embeds no font and names no web font, so every viewer
 * (browser, librsvg, ImageMagick, Inkscape, resvg) picks the first family it has.
 */
const FONT_FAMILY =
  "system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, 'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";
const PADDING = 40;
const ARROW_ID = 'aitm-arrow';
const LABEL_FONT = 13;
const TYPE_FONT = 11;
const FLOW_FONT = 11;
const FLOW_LABEL_MAX = 180;
/** Where a component's text starts, after its icon. */
const TEXT_LEFT = 52;
/** Flows between the same two components are drawn this far apart. */
const PARALLEL_GAP = 12;

/** Grows a bounding box as elements are drawn, so the viewBox holds everything. */
class Bounds {
  minX = Infinity;
  minY = Infinity;
  maxX = -Infinity;
  maxY = -Infinity;
  add(r: Rect): void {
    if (r.x < this.minX) this.minX = r.x;
    if (r.y < this.minY) this.minY = r.y;
    if (r.x + r.width > this.maxX) this.maxX = r.x + r.width;
    if (r.y + r.height > this.maxY) this.maxY = r.y + r.height;
  }
}

const badgeWidth = (b: ElementBadge): number => Math.max(20, textWidth(String(b.open), 11) + 10);

/** An open-findings badge: a pill in the severity's colour with the count, its top-left at (x, y). */
function badge(out: string[], theme: DiagramTheme, id: string, b: ElementBadge, x: number, y: number): Rect {
  const text = String(b.open);
  const width = badgeWidth(b);
  const label = `${b.open} open finding${b.open === 1 ? '' : 's'}, highest severity ${b.severity}`;
  out.push(
    `<g class="badge" data-id="${xmlText(id)}" data-severity="${b.severity}"><title>${label}</title>`,
    `<rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="20" rx="10" fill="${theme.severities[b.severity]}"/>`,
    `<text x="${num(x + width / 2)}" y="${num(y + 14)}" text-anchor="middle" font-size="11" font-weight="700" fill="${theme.badgeText}">${text}</text></g>`,
  );
  return { x, y, width, height: 20 };
}

/**
 * The data-flow diagram of a document as a standalone SVG file, drawn from the document (not from
 * the canvas): trust boundaries (nested, zone-coloured, with their label and zone), components
 * (icon, label on up to two lines, type), one `<path class="flow">` per data flow with an
 * arrowhead and its label, and open-findings badges. Plain SVG 1.1 shapes and text only (no
 * foreignObject, no CSS, no fonts, no scripts, nothing external), so browsers, librsvg,
 * ImageMagick, Inkscape and resvg all draw it alike. Labels are untrusted: every text is escaped
 * for XML and stripped of control and bidi characters. Pure and deterministic: the same document
 * and options give the same bytes. Linear in the size of the model. No XML declaration: UTF-8
 * is XML's default, and the file starts with `<svg`, as browsers and the HTML-embedded form expect.
 */
export function renderDiagramSvg(doc: ThreatModelDocument, options: DiagramSvgOptions = {}): string {
  const theme = DIAGRAM_THEMES[options.theme ?? 'light'];
  const badges = options.badges ?? new Map<string, ElementBadge>();
  const layout = diagramLayout(doc);
  const bounds = new Bounds();
  const out: string[] = [];

  // Boundaries, outer ones first so that nested ones are drawn over them.
  const order = doc.trustBoundaries
    .map((b, i) => ({ b, i, depth: layout.depth.get(b.id) ?? 0 }))
    .sort((p, q) => p.depth - q.depth || p.i - q.i);
  out.push('<g class="boundaries">');
  for (const { b } of order) {
    const r = layout.boundaries.get(b.id)!;
    bounds.add(r);
    const zone = theme.zones[b.zone];
    const zoneText = theme.zoneText[b.zone];
    const tagWidth = textWidth(b.zone, 10) * BOLD + 12;
    const found = badges.get(b.id);
    const room = Math.max(20, r.width - 24 - tagWidth - 8 - (found ? 36 : 0));
    const label = ellipsis(cleanText(b.label || b.id), room / BOLD, LABEL_FONT);
    const tagX = r.x + 12 + textWidth(label, LABEL_FONT) * BOLD + 12;
    out.push(
      `<g class="boundary" data-id="${xmlText(b.id)}" data-zone="${b.zone}">`,
      `<rect x="${num(r.x)}" y="${num(r.y)}" width="${num(r.width)}" height="${num(r.height)}" rx="10" fill="${mixColours(zone, theme.background, 0.06)}" stroke="${zone}" stroke-width="2" stroke-dasharray="8 5"/>`,
      `<text x="${num(r.x + 12)}" y="${num(r.y + 23)}" font-size="${LABEL_FONT}" font-weight="600" fill="${zoneText}">${xmlText(label)}</text>`,
      `<rect x="${num(tagX)}" y="${num(r.y + 10)}" width="${num(tagWidth)}" height="18" rx="9" fill="${mixColours(zone, theme.background, 0.16)}"/>`,
      `<text x="${num(tagX + tagWidth / 2)}" y="${num(r.y + 23)}" text-anchor="middle" font-size="10" font-weight="600" fill="${zoneText}">${b.zone}</text>`,
    );
    if (found) badge(out, theme, b.id, found, r.x + r.width - 12 - badgeWidth(found), r.y + 9);
    out.push('</g>');
  }
  out.push('</g>');

  // Flows: the lines under the components, their labels (and badges) over them, each label in
  // the first spot along its line that covers no component, boundary title or other label.
  const taken = new RectGrid();
  for (const r of layout.components.values())
    taken.add({ x: r.x - 2, y: r.y - 10, width: r.width + 12, height: r.height + 12 });
  for (const r of layout.boundaries.values()) taken.add({ x: r.x, y: r.y, width: r.width, height: 32 });
  const pairCount = new Map<string, number>();
  const pairKey = (s: string, t: string) => (s < t ? `${s}\u0000${t}` : `${t}\u0000${s}`);
  for (const f of doc.dataFlows) {
    const key = pairKey(f.sourceId, f.targetId);
    pairCount.set(key, (pairCount.get(key) ?? 0) + 1);
  }
  const pairSeen = new Map<string, number>();
  const lines: string[] = ['<g class="flows" fill="none">'];
  const labels: string[] = ['<g class="flow-labels">'];
  for (const f of doc.dataFlows) {
    const from = layout.components.get(f.sourceId);
    const to = layout.components.get(f.targetId);
    // Validation guarantees both ends; a document that skipped it still renders the rest.
    if (!from || !to) continue;
    const key = pairKey(f.sourceId, f.targetId);
    const n = pairCount.get(key)!;
    const k = pairSeen.get(key) ?? 0;
    pairSeen.set(key, k + 1);
    const limit = Math.min(from.height, to.height) / 2 - 8;
    const offset = Math.max(-limit, Math.min(limit, (k - (n - 1) / 2) * PARALLEL_GAP));
    const route = routeFlow(from, to, f.sourceId === f.targetId ? 0 : offset);
    lines.push(
      `<path class="flow" data-id="${xmlText(f.id)}" d="${route.d}" stroke="${theme.edge}" stroke-width="1.5" marker-end="url(#${ARROW_ID})"/>`,
    );
    const text = ellipsis(cleanText(f.label), FLOW_LABEL_MAX, FLOW_FONT);
    const found = badges.get(f.id);
    const badgeRoom = found ? badgeWidth(found) + 4 : 0;
    const width = (text === '' ? 0 : textWidth(text, FLOW_FONT) + 12) + badgeRoom;
    if (width === 0) continue;
    const spot = placeLabel(
      route.points,
      width,
      (x, y) => !taken.overlapsAny(x - width / 2, y - 10, x + width / 2, y + 10),
    );
    const box = { x: spot.x - width / 2, y: spot.y - 10, width, height: 20 };
    taken.add(box);
    bounds.add(box);
    const textWidthPx = width - badgeRoom;
    labels.push(`<g class="flow-label" data-id="${xmlText(f.id)}">`);
    if (text !== '')
      labels.push(
        `<rect x="${num(box.x)}" y="${num(box.y)}" width="${num(textWidthPx)}" height="20" rx="4" fill="${theme.labelFill}" stroke="${theme.nodeStroke}" stroke-width="0.75"/>`,
        `<text x="${num(box.x + textWidthPx / 2)}" y="${num(box.y + 14)}" text-anchor="middle" font-size="${FLOW_FONT}" fill="${theme.text}">${xmlText(text)}</text>`,
      );
    if (found) badge(labels, theme, f.id, found, box.x + textWidthPx + (text === '' ? 0 : 4), box.y);
    labels.push('</g>');
  }
  lines.push('</g>');
  labels.push('</g>');
  // Appended one by one: spreading 20,000 strings into push() would overflow the stack.
  for (const line of lines) out.push(line);

  out.push('<g class="components">');
  for (const c of doc.components) {
    const r = layout.components.get(c.id)!;
    bounds.add(r);
    const typeName = options.types?.get(c.type)?.label ?? c.type;
    const label = wrapText(c.label || c.id, (r.width - TEXT_LEFT - 10) / BOLD, LABEL_FONT, 2);
    const top = label.length > 1 ? r.y + 20 : r.y + 28;
    out.push(
      `<g class="component" data-id="${xmlText(c.id)}" data-type="${xmlText(c.type)}">`,
      `<rect x="${num(r.x)}" y="${num(r.y)}" width="${num(r.width)}" height="${num(r.height)}" rx="8" fill="${theme.nodeFill}" stroke="${theme.nodeStroke}" stroke-width="1.5"/>`,
      `<rect x="${num(r.x + 10)}" y="${num(r.y + r.height / 2 - 16)}" width="32" height="32" rx="6" fill="${theme.iconFill}"/>`,
      `<g transform="translate(${num(r.x + 14)} ${num(r.y + r.height / 2 - 12)})" fill="none" stroke="${theme.text}" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round">${typeGlyph(c.type)}</g>`,
      `<text font-size="${LABEL_FONT}" font-weight="600" fill="${theme.text}">${label
        .map(
          (line, i) => `<tspan x="${num(r.x + TEXT_LEFT)}" y="${num(top + i * 16)}">${xmlText(line)}</tspan>`,
        )
        .join('')}</text>`,
      `<text x="${num(r.x + TEXT_LEFT)}" y="${num(top + (label.length > 1 ? 31 : 17))}" font-size="${TYPE_FONT}" fill="${theme.muted}">${xmlText(ellipsis(cleanText(typeName), r.width - TEXT_LEFT - 10, TYPE_FONT))}</text>`,
    );
    const found = badges.get(c.id);
    if (found) bounds.add(badge(out, theme, c.id, found, r.x + r.width - 11, r.y - 9));
    out.push('</g>');
  }
  out.push('</g>');
  for (const label of labels) out.push(label);

  const empty = bounds.minX === Infinity;
  const x = empty ? 0 : bounds.minX - PADDING;
  const y = empty ? 0 : bounds.minY - PADDING;
  const width = empty ? 320 : Math.ceil(bounds.maxX - bounds.minX + 2 * PADDING);
  const height = empty ? 120 : Math.ceil(bounds.maxY - bounds.minY + 2 * PADDING);
  const title = xmlText(`Data-flow diagram: ${doc.meta.title}`);
  const head = [
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" viewBox="${num(x)} ${num(y)} ${width} ${height}" font-family="${FONT_FAMILY}" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    `<defs><marker id="${ARROW_ID}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" fill="${theme.edge}"/></marker></defs>`,
    `<rect class="background" x="${num(x)}" y="${num(y)}" width="${width}" height="${height}" fill="${theme.background}"/>`,
  ];
  return `${head.join('\n')}\n${out.join('\n')}\n</svg>\n`;
}
