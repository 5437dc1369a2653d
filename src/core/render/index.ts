/** The data-flow diagram as a standalone SVG, drawn from the document (editor export and `aitm render`). */
export { renderDiagramSvg, type DiagramSvgOptions } from './diagramSvg';
export { findingBadges, type ElementBadge } from './findingBadges';
export { DIAGRAM_THEMES, type DiagramTheme, type DiagramThemeName } from './diagramTheme';
