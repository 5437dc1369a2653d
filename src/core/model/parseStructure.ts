import { DocumentSchema, type ThreatModelDocument } from './document';
import { checkElements } from './fastElements';
import { safeParseBounded } from './zodProblems';

export type StructureResult =
  | { success: true; data: ThreatModelDocument }
  | Exclude<ReturnType<typeof safeParseBounded<typeof DocumentSchema>>, { success: true }>;

/**
 * `DocumentSchema.safeParse` of a model, faster on large files: the three large lists are checked
 * by hand (fastElements.ts) and zod checks the rest with those lists empty. Whenever either is
 * unsure, zod checks the whole document again, so every error message and path is zod's own: one
 * gate, one set of messages, whatever path the document took.
 */
export function parseDocumentStructure(raw: Record<string, unknown>): StructureResult {
  const elements = checkElements(raw);
  if (elements !== undefined) {
    const rest = safeParseBounded(DocumentSchema, {
      ...raw,
      trustBoundaries: [],
      components: [],
      dataFlows: [],
    });
    if (rest.success === true) {
      // Spread over zod's output, so the keys keep zod's (schema) order.
      const data: ThreatModelDocument = { ...(rest.data as ThreatModelDocument), ...elements };
      return { success: true, data };
    }
  }
  return fullParse(raw);
}

function fullParse(raw: unknown): StructureResult {
  const parsed = safeParseBounded(DocumentSchema, raw);
  if ('tooManyProblems' in parsed) return parsed;
  if (parsed.success) return { success: true, data: parsed.data };
  return parsed;
}
