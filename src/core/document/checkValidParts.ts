import {
  ComponentSchema,
  DataFlowSchema,
  TrustBoundarySchema,
  UserThreatSchema,
  createEmptyDocument,
  type ThreatModelDocument,
} from '../model/document';
import type { Problem } from '../model/problems';
import type { Catalogue } from '../library/catalogue';
import { checkProperties } from './checkProperties';
import { checkReferences } from './checkReferences';

/**
 * When the schema rejects a document, the elements that are individually well-formed are still
 * checked for references and property types, so the user sees every problem in one pass instead
 * of fixing them one run at a time. References to ids of malformed elements are not reported as
 * dangling: the malformed element already has its own problem.
 */
export function checkValidParts(raw: Record<string, unknown>, catalogue: Catalogue): Problem[] {
  const rawIds = new Set<string>();
  const keep = <T>(
    key: string,
    schema: { safeParse(v: unknown): { success: boolean; data?: T } },
  ): (T | undefined)[] => {
    const list = raw[key];
    if (!Array.isArray(list)) return [];
    return list.map((item) => {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id === 'string') rawIds.add(id);
      const result = schema.safeParse(item);
      return result.success ? result.data : undefined;
    });
  };
  const boundaries = keep<ThreatModelDocument['trustBoundaries'][number]>(
    'trustBoundaries',
    TrustBoundarySchema,
  );
  const components = keep<ThreatModelDocument['components'][number]>('components', ComponentSchema);
  const dataFlows = keep<ThreatModelDocument['dataFlows'][number]>('dataFlows', DataFlowSchema);
  const userThreats = keep<ThreatModelDocument['userThreats'][number]>('userThreats', UserThreatSchema);
  // Keep indices aligned with the file so paths stay right: malformed entries become inert placeholders.
  const placeholder = (i: number) => `\u0000invalid-${i}`;
  const doc: ThreatModelDocument = {
    ...createEmptyDocument(),
    trustBoundaries: boundaries.map((b, i) => b ?? { id: placeholder(i), label: '', zone: 'internal' }),
    components: components.map((c, i) => c ?? { id: placeholder(i), type: '\u0000', label: '' }),
    dataFlows: dataFlows.map(
      (f, i) => f ?? { id: placeholder(i), sourceId: placeholder(-1), targetId: placeholder(-1), label: '' },
    ),
    userThreats: userThreats.map(
      (t, i) => t ?? { id: placeholder(i), targetId: null, title: 'x', severity: 'low', status: 'open' },
    ),
  };
  // Placeholders carry a NUL character, which messages show raw or escaped.
  const isPlaceholderProblem = (p: Problem) => p.message.includes('\u0000') || p.message.includes('\\u0000');
  const isDanglingToMalformed = (p: Problem) =>
    [...p.message.matchAll(/has the id "([^"]*)"/g)].some((m) => rawIds.has(m[1]!));
  const aligned = checkProperties(doc, catalogue).filter((p) => !isPlaceholderProblem(p));
  return [
    ...checkReferences(doc).filter((p) => !isPlaceholderProblem(p) && !isDanglingToMalformed(p)),
    ...aligned,
  ];
}
