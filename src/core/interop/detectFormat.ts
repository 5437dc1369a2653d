import { DOCUMENT_FORMAT } from '../model/document';
import { isObject } from './shared/isObject';

export const INTEROP_FORMATS = [
  'aitm',
  'threat-dragon-v2',
  'threat-dragon-v1',
  'threat-composer',
  'otm',
  'tm-bom',
  'unknown',
] as const;
export type InteropFormat = (typeof INTEROP_FORMATS)[number];

const TC_KEYS = [
  'threats',
  'mitigations',
  'assumptions',
  'mitigationLinks',
  'assumptionLinks',
  'applicationInfo',
  'architecture',
  'dataflow',
  'workspace',
  'brainstorm',
];

/**
 * Guesses which tool wrote a parsed JSON value, from its shape only (never throws):
 * - ours: `format: "ai-threat-model"`;
 * - Threat Dragon: `summary` plus `detail` (or the misspelt `details`, so that the importer can say
 *   what is wrong); version 1 when a diagram carries the JointJS `diagramJson`;
 * - Threat Composer: a numeric `schema` and nothing of the others;
 * - OTM: `otmVersion`;
 * - TM-BOM: the Threat Model Library's `$schema`, or `scope` with its lists (`trust_zones`,
 *   `data_flows`, …), or a CycloneDX BOM with `threat-model` components.
 */
export function detectFormat(json: unknown): InteropFormat {
  if (!isObject(json)) return 'unknown';
  if (json['format'] === DOCUMENT_FORMAT) return 'aitm';
  if (json['otmVersion'] !== undefined) return 'otm';
  if (isTmBom(json)) return 'tm-bom';
  const detail = isObject(json['detail'])
    ? json['detail']
    : isObject(json['details'])
      ? json['details']
      : undefined;
  if (isObject(json['summary']) && detail !== undefined) {
    const diagrams = detail['diagrams'];
    if (Array.isArray(diagrams) && diagrams.some((d) => isObject(d) && d['diagramJson'] !== undefined)) {
      return 'threat-dragon-v1';
    }
    return 'threat-dragon-v2';
  }
  if (typeof json['schema'] === 'number' && json['format'] === undefined) {
    const keys = Object.keys(json);
    if (keys.every((k) => k === 'schema' || TC_KEYS.includes(k)) || keys.some((k) => TC_KEYS.includes(k))) {
      return 'threat-composer';
    }
  }
  return 'unknown';
}

/** A human name for messages. */
export function formatName(format: InteropFormat): string {
  switch (format) {
    case 'aitm':
      return 'AI threat model';
    case 'threat-dragon-v2':
      return 'Threat Dragon v2';
    case 'threat-dragon-v1':
      return 'Threat Dragon v1';
    case 'threat-composer':
      return 'Threat Composer';
    case 'otm':
      return 'Open Threat Model (OTM)';
    case 'tm-bom':
      return 'TM-BOM (OWASP Threat Model Library)';
    default:
      return 'unknown';
  }
}

const TM_BOM_KEYS = [
  'trust_zones',
  'trust_boundaries',
  'actors',
  'data_stores',
  'data_flows',
  'threats',
  'controls',
];

function isTmBom(json: Record<string, unknown>): boolean {
  const schema = json['$schema'];
  if (typeof schema === 'string' && schema.includes('threat-model-library')) return true;
  if (isObject(json['scope']) && TM_BOM_KEYS.some((k) => json[k] !== undefined)) return true;
  return (
    json['bomFormat'] === 'CycloneDX' &&
    Array.isArray(json['components']) &&
    json['components'].some((c) => isObject(c) && c['type'] === 'threat-model')
  );
}
