/**
 * What a round trip keeps: every Threat Dragon, Threat Composer, OTM and TM-BOM fixture (the files
 * in /work/shared/fixtures, copied byte for byte to tests/fixtures, plus this project's own Threat
 * Dragon ones) goes through import → export (with the findings the shipped library adds, as in the
 * editor) → import. Each aspect counts how many of the file's own items come back unchanged in the
 * exported file, and the last rows compare the two imports.
 */
import { evaluate, shippedLibrary, type ThreatModelDocument } from '../../../src/core/index';
import {
  exportOtm,
  exportThreatComposer,
  exportThreatDragon,
  exportTmBom,
  importDocument,
} from '../../../src/core/interop/index';
import { fixture } from './support';

type Obj = Record<string, unknown>;
const library = shippedLibrary();
const options = { catalogue: library.catalogue };
const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface Aspect {
  name: string;
  kept: number;
  of: number;
}

export interface Survey {
  format: string;
  file: string;
  aspects: Aspect[];
}

type Exporter = (doc: ThreatModelDocument) => unknown;

export const FORMATS: {
  format: string;
  files: string[];
  exporter: Exporter;
  aspects: (o: Obj, e: Obj) => Aspect[];
}[] = [
  {
    format: 'Threat Dragon',
    files: [
      'threat-dragon/v2-threat-model.json',
      'threat-dragon/three-tier-web-app.json',
      'threat-dragon/v2-new-model.json',
      'threat-dragon/bidirectional-flow.json',
      'threat-dragon-v1/legacy_model.json',
      'threat-dragon-v1/v1-threat-model.json',
    ],
    exporter: (doc) => exportThreatDragon(doc, evaluate(doc, library)),
    aspects: threatDragonAspects,
  },
  {
    format: 'Threat Composer',
    files: [
      'threat-composer/GenAIChatbot.tc.json',
      'threat-composer/ThreatModelingForBuilders-Exercise1.tc.json',
    ],
    exporter: (doc) => exportThreatComposer(doc, evaluate(doc, library)),
    aspects: threatComposerAspects,
  },
  {
    format: 'OTM',
    files: ['otm/otm-example.json', 'otm/mobile-cloud.otm.json'],
    exporter: (doc) => exportOtm(doc, evaluate(doc, library)),
    aspects: otmAspects,
  },
  {
    format: 'TM-BOM',
    files: ['tm-bom/huskyai.tmbom.json'],
    exporter: (doc) => exportTmBom(doc, evaluate(doc, library)),
    aspects: tmBomAspects,
  },
  {
    // Read in its CycloneDX form, written as plain TM-BOM.
    format: 'TM-BOM, CycloneDX form',
    files: ['tm-bom/tmbom-otm-example.cdx.json'],
    exporter: (doc) => exportTmBom(doc, evaluate(doc, library)),
    aspects: cycloneDxAspects,
  },
];

function imported(input: unknown, where: string): ThreatModelDocument {
  const result = importDocument(input, options);
  if (!result.ok)
    throw new Error(`${where}: ${result.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return result.value.document;
}

export function survey(): Survey[] {
  return FORMATS.flatMap(({ format, files, exporter, aspects }) =>
    files.map((file) => {
      const original = fixture(file) as Obj;
      const first = imported(original, file);
      const exported = JSON.parse(JSON.stringify(exporter(first))) as Obj;
      const second = imported(exported, `${file}, exported`);
      return {
        format,
        file: file.slice(file.indexOf('/') + 1),
        aspects: [...aspects(original, exported), ...modelAspects(first, second)],
      };
    }),
  );
}

/**
 * Import → export → import: the model parts that come back equal, and the first import's user
 * threats unchanged. (Exported findings of our rules come back as threats of the other tool's
 * file; they are not counted here.)
 */
function modelAspects(first: ThreatModelDocument, second: ThreatModelDocument): Aspect[] {
  const parts = ['components', 'dataFlows', 'trustBoundaries'] as const;
  return [
    {
      name: 'import → export → import: the same components, flows and boundaries',
      kept: parts.filter((p) => same(first[p], second[p])).length,
      of: parts.length,
    },
    count(
      'import → export → import: user threats unchanged',
      first.userThreats as unknown as Obj[],
      second.userThreats as unknown as Obj[],
      (t) => t['id'],
      same,
    ),
  ];
}

/** How many of `items` have a counterpart (by `key`) in `others` for which `equal` holds. */
function count(
  name: string,
  items: Obj[],
  others: Obj[],
  key: (o: Obj) => unknown,
  equal: (a: Obj, b: Obj) => boolean = () => true,
): Aspect {
  const byKey = new Map(others.map((o) => [JSON.stringify(key(o)), o]));
  const kept = items.filter((item) => {
    const other = byKey.get(JSON.stringify(key(item)));
    return other !== undefined && equal(item, other);
  }).length;
  return { name, kept, of: items.length };
}

// ---------------------------------------------------------------- Threat Dragon

function tdCells(file: Obj): Obj[] {
  return list(obj(file['detail'])['diagrams']).flatMap((d) => {
    const v1 = obj(d['diagramJson']);
    return list(v1['cells'] ?? d['cells']);
  });
}

/** A v1 cell's fields where a v2 cell has them under `data`. */
function tdData(cell: Obj): Obj {
  return cell['data'] !== undefined ? obj(cell['data']) : cell;
}

const TD_EDGES = new Set(['flow', 'trust-boundary-curve', 'tm.Flow', 'tm.Boundary']);
const isTdEdge = (c: Obj) => TD_EDGES.has(String(c['shape'] ?? c['type']));
const isTdFlow = (c: Obj) => c['shape'] === 'flow' || c['type'] === 'tm.Flow';
const endOf = (end: unknown) => obj(end)['cell'] ?? obj(end)['id'] ?? null;

function threatDragonAspects(o: Obj, e: Obj): Aspect[] {
  const oc = tdCells(o);
  const ec = tdCells(e);
  const diagrams = (f: Obj) =>
    list(obj(f['detail'])['diagrams']).map((d) => [d['title'], d['diagramType'] ?? 'STRIDE']);
  const threats = (cells: Obj[]): Obj[] =>
    cells.flatMap((c) => list(tdData(c)['threats']).map((t) => ({ ...t, cell: c['id'] })));
  // Version 1 threats have no id (the import derives one): those are matched by title.
  const ot = threats(oc);
  const et = threats(ec);
  const threatKey = (t: Obj) => [t['id'] ?? null, t['cell']];
  const byTitle = ot.some((t) => t['id'] === undefined);
  const key = byTitle ? (t: Obj) => [t['title'], t['cell']] : threatKey;
  return [
    {
      name: 'diagrams (title, type, in order)',
      kept: diagrams(o).filter((d, i) => same(d, diagrams(e)[i])).length,
      of: diagrams(o).length,
    },
    count('cells, by id', oc, ec, (c) => c['id']),
    count(
      'node positions and sizes',
      oc.filter((c) => !isTdEdge(c)),
      ec,
      (c) => c['id'],
      (a, b) => same(a['position'], b['position']) && same(a['size'], b['size']),
    ),
    count(
      'flow ends and direction',
      oc.filter(isTdFlow),
      ec,
      (c) => c['id'],
      (a, b) =>
        same(endOf(a['source']), endOf(b['source'])) &&
        same(endOf(a['target']), endOf(b['target'])) &&
        (tdData(a)['isBidirectional'] === true) === (tdData(b)['isBidirectional'] === true),
    ),
    count(
      'names of nodes and boundary boxes',
      oc.filter((c) => !isTdEdge(c)),
      ec,
      (c) => c['id'],
      (a, b) => v1Name(a) === v1Name(b),
    ),
    count(
      'boundary curves, by id with their points',
      oc.filter((c) => c['shape'] === 'trust-boundary-curve' || c['type'] === 'tm.Boundary'),
      ec,
      (c) => c['id'],
      (a, b) => same(a['vertices'] ?? [], b['vertices'] ?? []),
    ),
    count(
      'out of scope, with its reason',
      oc.filter((c) => tdData(c)['outOfScope'] === true),
      ec,
      (c) => c['id'],
      (a, b) =>
        tdData(b)['outOfScope'] === true &&
        same(tdData(a)['reasonOutOfScope'] ?? '', tdData(b)['reasonOutOfScope']),
    ),
    count('threats, on the same cell (by id; by title in v1 files, which have none)', ot, et, key),
    count('threat title, status, severity, type, description, mitigation verbatim', ot, et, key, (a, b) =>
      ['title', 'status', 'severity', 'type', 'description', 'mitigation'].every((k) =>
        same(a[k] ?? '', b[k] ?? ''),
      ),
    ),
    {
      name: 'summary (title, owner, description)',
      kept: ['title', 'owner', 'description'].filter((k) =>
        same(obj(o['summary'])[k] ?? '', obj(e['summary'])[k]),
      ).length,
      of: 3,
    },
    {
      name: 'contributors and reviewer',
      kept:
        (same(list(obj(o['detail'])['contributors']), list(obj(e['detail'])['contributors'])) ? 1 : 0) +
        (same(obj(o['detail'])['reviewer'] ?? '', obj(e['detail'])['reviewer']) ? 1 : 0),
      of: 2,
    },
  ];
}

function v1Name(c: Obj): string {
  const data = tdData(c);
  if (typeof data['name'] === 'string' && data['name'] !== '') return data['name'];
  const attrs = obj(c['attrs']);
  // Nodes carry their label in attrs.text, boundary boxes in attrs.label.
  const text = obj(attrs['text'])['text'] ?? obj(attrs['label'])['text'];
  if (typeof text === 'string') return text;
  const label = list(c['labels'])[0];
  return String(
    obj(obj(obj(label)['attrs'])['text'])['text'] ?? obj(obj(obj(label)['attrs'])['labelText'])['text'] ?? '',
  );
}

// ---------------------------------------------------------------- Threat Composer

const GRAMMAR = [
  'threatSource',
  'prerequisites',
  'threatAction',
  'threatImpact',
  'impactedGoal',
  'impactedAssets',
];

function threatComposerAspects(o: Obj, e: Obj): Aspect[] {
  const info = ['applicationInfo', 'architecture', 'dataflow'];
  return [
    count('threats, by id', list(o['threats']), list(e['threats']), (t) => t['id']),
    count(
      'threat statements verbatim',
      list(o['threats']),
      list(e['threats']),
      (t) => t['id'],
      (a, b) => same(a['statement'], b['statement']),
    ),
    count(
      'threat grammar fields',
      list(o['threats']),
      list(e['threats']),
      (t) => t['id'],
      (a, b) => GRAMMAR.every((k) => same(a[k], b[k])),
    ),
    count(
      'threat status',
      list(o['threats']),
      list(e['threats']),
      (t) => t['id'],
      (a, b) => same(a['status'], b['status']),
    ),
    ...contentAndLinks('mitigations', 'mitigationId', o, e),
    ...contentAndLinks('assumptions', 'assumptionId', o, e),
    {
      name: 'application, architecture and data-flow descriptions',
      kept: info.filter((k) => same(obj(o[k])['description'] ?? '', obj(e[k])['description'] ?? '')).length,
      of: info.length,
    },
    {
      name: 'architecture and data-flow images',
      kept: ['architecture', 'dataflow'].filter((k) =>
        same(obj(o[k])['image'] ?? '', obj(e[k])['image'] ?? ''),
      ).length,
      of: 2,
    },
  ];
}

/**
 * Mitigations or assumptions: by content (our export gives them ids of its own), and their links
 * as (linked threat or mitigation id, content) pairs.
 */
function contentAndLinks(key: 'mitigations' | 'assumptions', idKey: string, o: Obj, e: Obj): Aspect[] {
  const linkKey = key === 'mitigations' ? 'mitigationLinks' : 'assumptionLinks';
  const contentOf = (f: Obj, k: string = key) => new Map(list(f[k]).map((m) => [m['id'], m['content']]));
  const pairs = (f: Obj) => {
    const content = contentOf(f);
    // An assumption may be linked to a mitigation: that one is named by its content too.
    const mitigation = contentOf(f, 'mitigations');
    return list(f[linkKey]).map((l) => ({
      linked: mitigation.get(l['linkedId']) ?? l['linkedId'],
      content: content.get(l[idKey]) ?? null,
    }));
  };
  return [
    count(`${key}, by content`, list(o[key]), list(e[key]), (m) => m['content']),
    count(`${key}, by id`, list(o[key]), list(e[key]), (m) => m['id']),
    count(
      `${key} links (to the same threat${key === 'assumptions' ? ' or mitigation' : ''})`,
      pairs(o),
      pairs(e),
      (l) => [l['linked'], l['content']],
    ),
  ];
}

// ---------------------------------------------------------------- OTM

function otmAspects(o: Obj, e: Obj): Aspect[] {
  const zones = (f: Obj) => list(f['trustZones']).filter((z) => obj(z['attributes'])['aitmOutside'] !== true);
  const instances = (f: Obj): Obj[] =>
    [...list(f['components']), ...list(f['dataflows'])].flatMap((x) =>
      list(x['threats']).map((t) => ({ ...t, on: x['id'] })),
    );
  const at = (x: Obj) => obj(list(x['representations'])[0])['position'];
  const linked = (f: Obj) =>
    new Set(instances(f).flatMap((t) => list(t['mitigations']).map((m) => m['mitigation'])));
  return [
    count(
      'trust zones, by id with type and trust rating',
      zones(o),
      zones(e),
      (z) => z['id'],
      (a, b) =>
        same(a['type'], b['type']) && same(obj(a['risk'])['trustRating'], obj(b['risk'])['trustRating']),
    ),
    count(
      'components, by id with type and parent',
      list(o['components']),
      list(e['components']),
      (c) => c['id'],
      (a, b) =>
        same(a['type'], b['type']) &&
        same(obj(a['parent'])['trustZone'] ?? null, obj(b['parent'])['trustZone'] ?? null),
    ),
    count(
      'positions in the diagram',
      [...zones(o), ...list(o['components'])].filter((x) => at(x) !== undefined),
      [...zones(e), ...list(e['components'])],
      (x) => x['id'],
      (a, b) => same(at(a), at(b)),
    ),
    count(
      'data flows, by id with ends and direction',
      list(o['dataflows']),
      list(e['dataflows']),
      (f) => f['id'],
      (a, b) =>
        same(a['source'], b['source']) &&
        same(a['destination'], b['destination']) &&
        (a['bidirectional'] === true) === (b['bidirectional'] === true),
    ),
    {
      name: 'no extra data flows',
      kept: list(e['dataflows']).length <= list(o['dataflows']).length ? 1 : 0,
      of: 1,
    },
    count(
      'threat definitions, by id with likelihood and impact',
      list(o['threats']),
      list(e['threats']),
      (t) => t['id'],
      (a, b) =>
        same(obj(a['risk'])['likelihood'], obj(b['risk'])['likelihood']) &&
        same(obj(a['risk'])['impact'], obj(b['risk'])['impact']),
    ),
    {
      name: 'likelihood and impact comments',
      kept: list(e['threats']).filter((t) => obj(t['risk'])['likelihoodComment'] !== undefined).length,
      of: list(o['threats']).filter((t) => obj(t['risk'])['likelihoodComment'] !== undefined).length,
    },
    count(
      'threat instances, with state',
      instances(o),
      instances(e),
      (t) => [t['threat'], t['on']],
      (a, b) => same(a['state'], b['state']),
    ),
    count(
      'mitigations linked from a threat instance, by id with risk reduction',
      list(o['mitigations']).filter((m) => linked(o).has(m['id'])),
      list(e['mitigations']),
      (m) => m['id'],
      (a, b) => same(a['riskReduction'], b['riskReduction']),
    ),
    // Our model has no assets (it describes data by the categories a flow carries).
    { name: 'assets', kept: 0, of: list(o['assets']).length },
  ];
}

// ---------------------------------------------------------------- TM-BOM

function tmBomAspects(o: Obj, e: Obj): Aspect[] {
  const name = (x: Obj) => x['symbolic_name'];
  const elements = (f: Obj) => [...list(f['actors']), ...list(f['components']), ...list(f['data_stores'])];
  const end = (x: unknown) => obj(x)['object'] ?? x;
  return [
    count(
      'trust zones, by name with title and description',
      list(o['trust_zones']),
      list(e['trust_zones']),
      name,
      (a, b) => same(a['title'], b['title']) && same(a['description'] ?? '', b['description']),
    ),
    count(
      'actors, components, data stores: name, title, type, zone',
      elements(o),
      elements(e),
      name,
      (a, b) =>
        ['title', 'type', 'description'].every((k) => same(a[k] ?? '', b[k] ?? '')) &&
        same(a['trust_zone'] ?? 'aitm-outside', b['trust_zone']),
    ),
    count(
      'data flows, by name with ends',
      list(o['data_flows']),
      list(e['data_flows']),
      name,
      (a, b) =>
        same(end(a['source']), end(b['source'])) && same(end(a['destination']), end(b['destination'])),
    ),
    count(
      'threats, by name with the elements they affect',
      list(o['threats']),
      list(e['threats']),
      name,
      (a, b) => same([...list(a['components_affected'])].sort(), [...list(b['components_affected'])].sort()),
    ),
    count('controls, by name', list(o['controls']), list(e['controls']), name),
    {
      name: 'scope, assumptions, personas, data sets, trust boundaries',
      kept:
        ['scope', 'assumptions', 'threat_personas', 'data_sets'].filter((k) => same(o[k], e[k])).length +
        (list(o['trust_boundaries']).every((b) => list(e['trust_boundaries']).some((x) => same(x, b)))
          ? 1
          : 0),
      of: 5,
    },
    count('risks', list(o['risks']), list(e['risks']), (r) => r['symbolic_name'] ?? r['title']),
  ];
}

function cycloneDxAspects(o: Obj, e: Obj): Aspect[] {
  const components = list(
    list(o['components']).find((c) => c['type'] === 'threat-model')?.['components'] ?? o['components'],
  );
  const props = (c: Obj) => new Map(list(c['properties']).map((p) => [p['name'], p['value']]));
  const typed = (t: string) => components.filter((c) => props(c).get('cdx:model:type') === t);
  const titled = (f: Obj, keys: string[]) =>
    keys.flatMap((k) => list(f[k])).map((x) => ({ title: x['title'] }));
  const byName = (c: Obj) => ({ title: c['name'] });
  return [
    count(
      'boundaries, by name',
      typed('boundary').map(byName),
      titled(e, ['trust_zones']),
      (x) => x['title'],
    ),
    count(
      'components, by name',
      components
        .filter(
          (c) =>
            !['boundary', 'dataflow', 'asset', 'repository', 'code'].includes(
              String(props(c).get('cdx:model:type')),
            ),
        )
        .map(byName),
      titled(e, ['actors', 'components', 'data_stores']),
      (x) => x['title'],
    ),
    count('data flows, by name', typed('dataflow').map(byName), titled(e, ['data_flows']), (x) => x['title']),
  ];
}

/** The survey as the Markdown of docs/interop-formats.md, "What a round trip keeps". */
export function surveyMarkdown(results: readonly Survey[]): string {
  const out: string[] = [];
  for (const { format } of FORMATS) {
    const rows = results.filter((r) => r.format === format);
    out.push(
      `#### ${format}`,
      '',
      `| aspect | ${rows.map((r) => r.file).join(' | ')} |`,
      `|---|${rows.map(() => '---').join('|')}|`,
    );
    for (const [i, aspect] of rows[0]!.aspects.entries())
      out.push(`| ${aspect.name} | ${rows.map((r) => cell(r.aspects[i]!)).join(' | ')} |`);
    out.push('');
  }
  return out.join('\n');
}

function cell(a: Aspect): string {
  if (a.of === 0) return '—';
  return a.kept === a.of ? `all ${a.of}` : `**${a.kept} of ${a.of}**`;
}
