/**
 * Two of our flows that came from one bidirectional Threat Dragon flow go back as that one flow.
 * Our model is directed (the rules look at each direction), so an import makes two flows of a
 * bidirectional cell and links both to it in `interop.threatDragon.elements` (the second marked
 * `reverse`). While both still exist and join the same two nodes, one each way, the export writes
 * the one cell again: the first flow's id, label and data, `isBidirectional`, and the threats of
 * both flows, each once. A flow drawn here has no such link and stays one directed flow.
 */
import type { DataFlow, ThreatModelDocument } from '../../../model/document';
import type { TdInterop } from '../../../model/interopData';
import type { CellExtras, TdThreatOut } from './context';

/** The reverse flow of each first flow whose pair is still whole (keyed by the first flow's id). */
export function pairReverseFlows(doc: ThreatModelDocument, td: TdInterop | undefined): Map<string, DataFlow> {
  const pairs = new Map<string, DataFlow>();
  const elements = td?.elements;
  if (!elements) return pairs;
  const flows = new Map(doc.dataFlows.map((f) => [f.id, f]));
  const firstByCell = new Map<string, DataFlow>();
  for (const [id, kept] of Object.entries(elements)) {
    const flow = flows.get(id);
    if (flow && kept.reverse !== true && !firstByCell.has(kept.cell)) firstByCell.set(kept.cell, flow);
  }
  const paired = new Set<string>();
  for (const [id, kept] of Object.entries(elements)) {
    const reverse = flows.get(id);
    const first = firstByCell.get(kept.cell);
    if (kept.reverse !== true || !reverse || !first || paired.has(first.id)) continue;
    if (reverse.sourceId !== first.targetId || reverse.targetId !== first.sourceId) continue;
    paired.add(first.id);
    pairs.set(first.id, reverse);
  }
  return pairs;
}

/**
 * What the one cell carries for both flows: the triage, finding references and user threats of
 * both, and their threats without repeats. A finding of the reverse flow that says what one of
 * the first flow says (same title, type, status and severity: the same rule on both directions)
 * is written once, and its reference points at that one threat, so that a status set on it in
 * Threat Dragon comes back to both findings.
 */
export function mergeExtras(first: CellExtras | undefined, reverse: CellExtras | undefined): CellExtras {
  const out: CellExtras = {
    triage: { ...(first?.triage ?? {}), ...(reverse?.triage ?? {}) },
    findings: [...(first?.findings ?? [])],
    userThreats: [...(first?.userThreats ?? []), ...(reverse?.userThreats ?? [])],
    threats: [...(first?.threats ?? [])],
  };
  const ids = new Set(out.threats.map((t) => String(t['id'])));
  const bySense = new Map(out.threats.map((t) => [senseOf(t), String(t['id'])]));
  const sameAs = new Map<string, string>();
  for (const threat of reverse?.threats ?? []) {
    const id = String(threat['id']);
    if (ids.has(id)) continue;
    const twin = threat['aitm'] !== undefined && isFinding(threat) ? bySense.get(senseOf(threat)) : undefined;
    if (twin !== undefined) {
      sameAs.set(id, twin);
      continue;
    }
    ids.add(id);
    bySense.set(senseOf(threat), id);
    out.threats.push(threat);
  }
  for (const ref of reverse?.findings ?? [])
    out.findings.push({ ...ref, threat: sameAs.get(ref.threat) ?? ref.threat });
  return out;
}

function isFinding(threat: TdThreatOut): boolean {
  const aitm = threat['aitm'];
  return typeof aitm === 'object' && aitm !== null && 'key' in aitm;
}

function senseOf(threat: TdThreatOut): string {
  return JSON.stringify([threat['title'], threat['type'], threat.status, threat['severity']]);
}
