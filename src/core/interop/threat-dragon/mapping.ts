import type { FindingStatus, Severity, StrideCategory } from '../../model/vocabulary';

/** How our statuses, severities and component types map to Threat Dragon's, both ways. */

const STATUS_ALIASES: Record<string, FindingStatus> = {
  open: 'open',
  new: 'open',
  identified: 'open',
  mitigated: 'mitigated',
  resolved: 'mitigated',
  fixed: 'mitigated',
  eliminated: 'mitigated',
  avoided: 'mitigated',
  accepted: 'accepted',
  transferred: 'accepted',
  // "To be decided": nobody has triaged it yet, which is what open means here.
  tbd: 'open',
  notapplicable: 'not-applicable',
  na: 'not-applicable',
  none: 'not-applicable',
};

/**
 * A Threat Dragon threat status in our vocabulary. Matching ignores case, spaces, dashes, slashes
 * and underscores, so `Open`, `open`, `NotApplicable`, `Not Applicable`, `N/A` and `NA` all map.
 * Unknown values (and none) are `open`, the conservative reading, and reported as not `known`.
 */
export function statusFromThreatDragon(status: string | undefined): {
  status: FindingStatus;
  known: boolean;
} {
  const normalised = (status ?? '').toLowerCase().replace(/[\s_/\\.-]+/g, '');
  const mapped = STATUS_ALIASES[normalised];
  return mapped ? { status: mapped, known: true } : { status: 'open', known: false };
}

const TD_STATUS: Record<FindingStatus, string> = {
  open: 'Open',
  mitigated: 'Mitigated',
  accepted: 'Accepted',
  'not-applicable': 'NotApplicable',
};

export function statusToThreatDragon(status: FindingStatus): string {
  return TD_STATUS[status];
}

const SEVERITY_ALIASES: Record<string, Severity> = {
  critical: 'critical',
  crit: 'critical',
  veryhigh: 'critical',
  high: 'high',
  medium: 'medium',
  med: 'medium',
  moderate: 'medium',
  low: 'low',
  verylow: 'low',
  info: 'low',
  informational: 'low',
};

/**
 * A Threat Dragon severity in our vocabulary, leniently (`High`, `high `, `Very High`…). `TBD`,
 * `TBA`, empty and unknown values become `medium` and are reported as not `known`.
 */
export function severityFromThreatDragon(severity: string | undefined): {
  severity: Severity;
  known: boolean;
} {
  const normalised = (severity ?? '').toLowerCase().replace(/[\s_-]+/g, '');
  const mapped = SEVERITY_ALIASES[normalised];
  return mapped ? { severity: mapped, known: true } : { severity: 'medium', known: false };
}

const TD_SEVERITY: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export function severityToThreatDragon(severity: Severity): string {
  return TD_SEVERITY[severity];
}

/** Threat Dragon's STRIDE type labels. */
export const STRIDE_LABELS: Record<StrideCategory, string> = {
  spoofing: 'Spoofing',
  tampering: 'Tampering',
  repudiation: 'Repudiation',
  'information-disclosure': 'Information disclosure',
  'denial-of-service': 'Denial of service',
  'elevation-of-privilege': 'Elevation of privilege',
};

/** The Threat Dragon shape of one of our component types: user → actor, stores → store, the rest → process. */
export type TdNodeShape = 'actor' | 'process' | 'store';

const STORE_TYPES = new Set([
  'data-store',
  'dataset-store',
  'vector-store',
  'memory-store',
  'feedback-store',
  'model-registry',
]);

export function shapeOfComponentType(type: string): TdNodeShape {
  if (type === 'user') return 'actor';
  if (STORE_TYPES.has(type) || type.endsWith('-store')) return 'store';
  return 'process';
}

/** Our component type for a Threat Dragon node shape (foreign files). */
export function componentTypeOfShape(shape: TdNodeShape): string {
  return shape === 'actor' ? 'user' : shape === 'store' ? 'data-store' : 'process';
}

export const TD_DATA_TYPES: Record<TdNodeShape, string> = {
  actor: 'tm.Actor',
  process: 'tm.Process',
  store: 'tm.Store',
};

/**
 * The kind of a Threat Dragon cell, from its shape, or from `data.type` when the shape is unknown
 * (real files contain misspelt shapes).
 */
export type TdCellKind = TdNodeShape | 'flow' | 'boundary-box' | 'boundary-curve' | 'text' | 'unknown';

const KIND_BY_SHAPE: Record<string, TdCellKind> = {
  actor: 'actor',
  process: 'process',
  store: 'store',
  flow: 'flow',
  'trust-boundary-box': 'boundary-box',
  'trust-boundary-curve': 'boundary-curve',
  'td-text-block': 'text',
};

const KIND_BY_DATA_TYPE: Record<string, TdCellKind> = {
  'tm.Actor': 'actor',
  'tm.Process': 'process',
  'tm.Store': 'store',
  'tm.Flow': 'flow',
  'tm.BoundaryBox': 'boundary-box',
  'tm.Boundary': 'boundary-curve',
  'tm.Text': 'text',
};

export function cellKind(
  shape: string | undefined,
  dataType: string | undefined,
): { kind: TdCellKind; byShape: boolean } {
  const byShape = shape === undefined ? undefined : KIND_BY_SHAPE[shape];
  if (byShape) return { kind: byShape, byShape: true };
  const byType = dataType === undefined ? undefined : KIND_BY_DATA_TYPE[dataType];
  if (byType) return { kind: byType, byShape: false };
  // A misspelt boundary shape with no data type: go by the words in it.
  const loose = (shape ?? '').toLowerCase();
  if (/bou?n?dd?ary|trust/.test(loose) && loose.includes('curve'))
    return { kind: 'boundary-curve', byShape: false };
  if (/bou?n?dd?ary|trust/.test(loose) && loose.includes('box'))
    return { kind: 'boundary-box', byShape: false };
  return { kind: 'unknown', byShape: false };
}

// ---------------------------------------------------------------- mitigation text

export interface MitigationLine {
  title: string;
  state: 'planned' | 'implemented' | 'not-applicable' | 'suggested';
}

const MITIGATION_LINE = /^\s*[-*•]\s*(.*?)\s*\((planned|implemented|not-applicable|suggested)\)\s*$/;

/** Threat Dragon has one free-text `mitigation` per threat; ours are written one per line with their state. */
export function mitigationsToText(mitigations: readonly MitigationLine[]): string {
  return mitigations.map((m) => `- ${m.title} (${m.state})`).join('\n');
}

/**
 * Reads back what mitigationsToText wrote, and lists a user wrote in Threat Dragon ("- …" lines).
 * Any other text was written in Threat Dragon, where a mitigation is one free text: it stays one
 * mitigation, paragraphs and all, rather than one per line.
 */
export function mitigationsFromText(
  text: string,
  state: MitigationLine['state'] = 'suggested',
): MitigationLine[] {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length === 0) return [];
  // A list (every line a bullet): one mitigation per line, with its state when it says one.
  if (lines.every((line) => /^[-*•]\s/.test(line)))
    return lines.map((line) => {
      const match = MITIGATION_LINE.exec(line);
      if (match) return { title: match[1]!, state: match[2] as MitigationLine['state'] };
      return { title: line.replace(/^[-*•]\s*/, ''), state: 'suggested' as const };
    });
  return [{ title: text.trim(), state }];
}
