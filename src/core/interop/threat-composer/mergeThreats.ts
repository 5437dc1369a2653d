import type { UserThreat } from '../../model/document';
import type { ParseResult } from '../../model/problems';
import {
  finaliseImport,
  type ImportPlacement,
  type ImportResult,
  type InteropOptions,
} from '../shared/finalise';
import { Notes } from '../shared/notes';
import { IdAllocator, plural } from '../shared/text';

/**
 * Adds imported threats (e.g. `importThreatComposer(...).value.document.userThreats`) to an
 * existing document. Threats already there (same id: the same file imported twice) are skipped;
 * an id that clashes with an element is renamed; a target that does not exist in the document
 * becomes unplaced. With the `placements` of the import (our own export read back), a threat goes
 * back on its element, and a threat that was a rule's finding on an element of this document
 * becomes that finding's triage again (status, owner, note) instead of a duplicate threat.
 * The result is validated by parseDocument.
 */
export function mergeImportedThreats(
  doc: ImportResult['document'],
  imported: readonly UserThreat[],
  options: InteropOptions,
  placements: readonly ImportPlacement[] = [],
): ParseResult<ImportResult> {
  const notes = new Notes();
  const existingThreats = new Set(doc.userThreats.map((t) => t.id));
  const elements = new Set([...doc.components, ...doc.dataFlows, ...doc.trustBoundaries].map((e) => e.id));
  const placementOf = new Map(placements.map((p) => [p.threatId, p]));
  const ids = new IdAllocator(['model', ...elements, ...existingThreats]);
  const added: UserThreat[] = [];
  const triage = { ...doc.triage };
  let skipped = 0;
  let unplaced = 0;
  let placed = 0;
  let triaged = 0;
  for (const threat of imported) {
    if (existingThreats.has(threat.id)) {
      skipped++;
      continue;
    }
    const placement = placementOf.get(threat.id);
    const home =
      placement && (placement.targetId === 'model' || elements.has(placement.targetId))
        ? placement.targetId
        : undefined;
    if (placement?.findingKey !== undefined && home !== undefined) {
      triage[placement.findingKey] = {
        ...triage[placement.findingKey],
        status: threat.status,
        ...(threat.owner !== undefined ? { owner: threat.owner } : {}),
        ...(threat.note !== undefined ? { note: threat.note } : {}),
      };
      triaged++;
      continue;
    }
    const id = ids.take(threat.id, 'imported-threat');
    let targetId = home ?? threat.targetId;
    if (home !== undefined) placed++;
    if (targetId !== null && targetId !== 'model' && !elements.has(targetId)) {
      targetId = null;
      unplaced++;
    }
    added.push({ ...threat, id, targetId });
  }
  notes.add(
    `${plural(added.length, 'threat was', 'threats were')} added${added.some((t) => t.targetId === null) ? '; unplaced threats wait to be attached to an element' : ''}.`,
  );
  if (placed > 0)
    notes.add(
      `${plural(placed, 'threat was', 'threats were')} placed back on the element it was exported from.`,
    );
  if (triaged > 0)
    notes.add(
      `${plural(triaged, 'threat was a finding', 'threats were findings')} of this model: merged as triage (status, owner, note), not added again; mitigation states were not merged.`,
    );
  if (skipped > 0)
    notes.add(`${plural(skipped, 'threat was', 'threats were')} already in the model and skipped.`);
  if (unplaced > 0)
    notes.add(
      `${plural(unplaced, 'threat names an element', 'threats name elements')} this model does not have; they are unplaced.`,
    );
  return finaliseImport(
    { ...doc, triage, userThreats: [...doc.userThreats, ...added] },
    notes.list(),
    options,
  );
}
