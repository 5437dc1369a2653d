import type { Library } from '../../library/loadLibrary';
import type { ThreatModelDocument } from '../../model/document';
import type { TargetKind } from '../../model/vocabulary';
import type { Finding } from '../../rules/finding';
import { inScope } from '../../rules/finding';
import { userThreatIdOf } from '../../rules/userThreatIds';
import { escapeJsonText } from '../reportChunks';
import { jsonLocator, type JsonLocator, type LocatedCollection, type TextRegion } from './jsonLocations';
import { SARIF_LEVEL } from './sarifLevels';
import { sarifRule } from './sarifRules';
import type { SarifLocation, SarifLog, SarifResult, SarifSuppression } from './sarifTypes';

/** The schema's own id (OASIS SARIF 2.1.0, errata 01). */
export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The partial fingerprint that identifies a finding across runs and commits: its finding key. */
export const SARIF_FINGERPRINT = 'aitmFindingKey/v1';

export interface SarifOptions {
  /**
   * The model file as code scanning should name it: a path relative to the repository root
   * (forward slashes, percent-encoded), or undefined when the model came from standard input —
   * results then carry logical locations only.
   */
  modelUri?: string;
  /** The model file's text, to point each result at its element's line and column. */
  sourceText?: string;
  tool: { name: string; version?: string; informationUri?: string };
}

const COLLECTION: Record<Exclude<TargetKind, 'model'>, LocatedCollection> = {
  component: 'components',
  dataFlow: 'dataFlows',
  trustBoundary: 'trustBoundaries',
};

/**
 * The findings as a SARIF 2.1.0 log, for code-scanning dashboards (`analyze --format sarif`).
 * Open findings are results; accepted and not-applicable ones are results with a suppression (the
 * dashboard shows them dismissed, with the triage note as the justification). Mitigated findings
 * are not results: the threat is dealt with, as a fixed bug is, and code scanning closes an alert
 * whose result disappears; their keys are listed in the run's properties.
 */
export function buildSarif(
  doc: ThreatModelDocument,
  library: Library,
  findings: readonly Finding[],
  options: SarifOptions,
): SarifLog {
  // Out-of-scope elements' findings are not results: the model says nobody owns them here.
  const reported = findings.filter((f) => f.status !== 'mitigated' && inScope(f));
  const byThreat = new Map<string, Finding[]>();
  for (const f of reported) {
    const list = byThreat.get(f.threatId);
    if (list) list.push(f);
    else byThreat.set(f.threatId, [f]);
  }
  const threatIds = [...byThreat.keys()].sort();
  const ruleIndex = new Map(threatIds.map((id, i) => [id, i]));
  const locator = options.sourceText === undefined ? undefined : jsonLocator(options.sourceText);
  const where = (region: TextRegion | undefined): SarifLocation['physicalLocation'] =>
    options.modelUri === undefined
      ? undefined
      : { artifactLocation: { uri: options.modelUri }, ...(region ? { region } : {}) };

  const results = reported.map((f): SarifResult => {
    const physicalLocation = where(elementRegion(locator, f));
    const suppression = suppressionOf(f, where(triageRegion(locator, f)));
    return {
      ruleId: f.threatId,
      ruleIndex: ruleIndex.get(f.threatId)!,
      level: SARIF_LEVEL[f.severity],
      message: { text: `${f.title} on ${f.targetLabel}: ${f.why}` },
      locations: [
        {
          ...(physicalLocation ? { physicalLocation } : {}),
          logicalLocations: [
            {
              name: f.targetId,
              fullyQualifiedName:
                f.targetKind === 'model' ? 'model' : `${COLLECTION[f.targetKind]}/${f.targetId}`,
              kind: f.targetKind,
            },
          ],
        },
      ],
      partialFingerprints: { [SARIF_FINGERPRINT]: f.key },
      ...(suppression ? { suppressions: [suppression] } : {}),
      properties: {
        findingKey: f.key,
        severity: f.severity,
        likelihood: f.likelihood,
        impact: f.impact,
        status: f.status,
        ...(f.owner !== undefined ? { owner: f.owner } : {}),
        targetLabel: f.targetLabel,
        ...(f.ruleId !== null ? { libraryRule: f.ruleId } : {}),
        mitigations: f.mitigations.map((m) => ({ id: m.id, title: m.title, state: m.state })),
      },
    };
  });

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: options.tool.name,
            ...(options.tool.version ? { version: options.tool.version } : {}),
            ...(options.tool.version && /^\d+\.\d+\.\d+/.test(options.tool.version)
              ? { semanticVersion: options.tool.version }
              : {}),
            ...(options.tool.informationUri ? { informationUri: options.tool.informationUri } : {}),
            rules: threatIds.map((id) => sarifRule(id, byThreat.get(id)!, library)),
            properties: { library: { name: library.name, version: library.version } },
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
        properties: {
          model: { title: doc.meta.title, ...(doc.meta.version ? { version: doc.meta.version } : {}) },
          mitigatedFindings: findings.filter((f) => f.status === 'mitigated').map((f) => f.key),
        },
      },
    ],
  };
}

/**
 * Triage lives in the model file, the very file the result points at, so the suppression is
 * `inSource` (SARIF §3.35.2: "embedded in the analysis target"), located at the triage entry.
 */
function suppressionOf(
  f: Finding,
  location: SarifLocation['physicalLocation'],
): SarifSuppression | undefined {
  if (f.status !== 'accepted' && f.status !== 'not-applicable') return undefined;
  const note = f.note?.trim();
  return {
    kind: 'inSource',
    status: 'accepted',
    justification: note
      ? `${f.status === 'accepted' ? 'Risk accepted' : 'Not applicable'}: ${note}`
      : `Triaged as ${f.status} in the model, without a note saying why.`,
    ...(location ? { location: { physicalLocation: location } } : {}),
  };
}

function elementRegion(locator: JsonLocator | undefined, f: Finding): TextRegion | undefined {
  if (!locator) return undefined;
  // Organisational threats attach to the model as a whole: its `meta` object stands for it.
  if (f.targetKind === 'model') return locator.property(['meta']);
  return locator.element(COLLECTION[f.targetKind], f.targetId);
}

/** A user threat keeps its status in its own entry; a library finding's is under `triage[key]`. */
function triageRegion(locator: JsonLocator | undefined, f: Finding): TextRegion | undefined {
  if (!locator) return undefined;
  const userId = userThreatIdOf(f.threatId);
  if (f.origin === 'user' && userId !== undefined) return locator.element('userThreats', userId);
  return locator.property(['triage', f.key]);
}

/** The log as text: two-space indented, final newline, raw control and bidi characters escaped. */
export function renderSarif(log: SarifLog): string {
  return `${escapeJsonText(JSON.stringify(log, null, 2))}\n`;
}
