import {
  exportFindingsCsv,
  exportOtmJson,
  exportTmBomJson,
  exportJsonReport,
  exportMarkdownReport,
  exportThreatComposerJson,
  exportThreatDragonJson,
  type Finding,
  type Library,
  type ThreatModelDocument,
} from '../../core';

/**
 * The text exports, loaded on demand (not needed to draw). Each is one core function; the CLI's
 * `analyze` and `convert` call the same ones, so the editor and CI agree byte for byte.
 */
export const TEXT_EXPORTS = {
  jsonReport: { suffix: '.report.json', mime: 'application/json', build: exportJsonReport },
  markdownReport: { suffix: '.report.md', mime: 'text/markdown', build: exportMarkdownReport },
  threatDragon: {
    suffix: '.threat-dragon.json',
    mime: 'application/json',
    build: (doc: ThreatModelDocument, _library: Library, findings: readonly Finding[]) =>
      exportThreatDragonJson(doc, findings),
  },
  threatComposer: {
    suffix: '.tc.json',
    mime: 'application/json',
    build: (doc: ThreatModelDocument, _library: Library, findings: readonly Finding[]) =>
      exportThreatComposerJson(doc, findings),
  },
  otm: {
    suffix: '.otm.json',
    mime: 'application/json',
    build: (doc: ThreatModelDocument, _library: Library, findings: readonly Finding[]) =>
      exportOtmJson(doc, findings),
  },
  tmBom: {
    suffix: '.tmbom.json',
    mime: 'application/json',
    build: (doc: ThreatModelDocument, _library: Library, findings: readonly Finding[]) =>
      exportTmBomJson(doc, findings),
  },
  findingsCsv: {
    suffix: '.findings.csv',
    mime: 'text/csv',
    build: (_doc: ThreatModelDocument, _library: Library, findings: readonly Finding[]) =>
      exportFindingsCsv(findings),
  },
} satisfies Record<
  string,
  {
    suffix: string;
    mime: string;
    build: (doc: ThreatModelDocument, library: Library, findings: readonly Finding[]) => string;
  }
>;

export type TextExport = keyof typeof TEXT_EXPORTS;
