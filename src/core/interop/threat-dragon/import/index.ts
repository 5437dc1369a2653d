import { formatPath, type ParseResult, type Problem } from '../../../model/problems';
import { checkUntrustedJson } from '../../../model/untrustedJson';
import { zodIssuesToProblems } from '../../../model/zodProblems';
import { isObject } from '../../shared/isObject';
import type { ImportResult, InteropOptions } from '../../shared/finalise';
import { AitmCellSchema, TdModelSchema, type AitmCellData, type TdCell } from '../schema';
import { MAX_CELLS } from './limits';
import { count } from './cells';
import { createImportContext } from './context';
import { readModel } from './readModel';
import { pushAll } from '../../../model/pushAll';
import { dropNulls } from './nulls';
import { convertVersion1, isVersion1 } from './version1';

/**
 * Imports a Threat Dragon v2 model (the JSON Threat Dragon saves).
 *
 * - Actors become `user`, processes `process` and stores `data-store` components; flows become data
 *   flows (encrypted, protocol; a public-network flow is marked `crossesBoundary`; a bidirectional
 *   flow becomes two flows).
 * - Boundary boxes become trust boundaries. Membership is geometric: a component belongs to the
 *   smallest box that contains its centre, and a box nests in the smallest box containing it
 *   entirely. The zone is guessed from the label (internet, DMZ, third party, restricted),
 *   otherwise `internal`, and each guess is noted.
 * - Boundary curves define no zone, so they are not trust boundaries: a flow whose path (source
 *   centre, its vertices, target centre) intersects a curve's polyline (source, vertices, target),
 *   or whose `trustBoundaryIds` names the curve, is marked `crossesBoundary: true`. Threat Dragon
 *   draws both as smooth curves through those points; the polyline is an approximation.
 * - Threats become `userThreats` on the same element, with status and severity matched leniently.
 * - Cells we exported carry `data.aitm`: our ids, types, properties and triage come back from it,
 *   and only what a user changed in Threat Dragon (names, flags, positions, threat statuses)
 *   overrides it. Threats carrying one of our finding keys restore triage, not user threats.
 *
 * A null in any field we read counts as no field (Threat Dragon writes them). Version 1 files
 * (JointJS) are first converted as Threat Dragon 2 converts them (version1.ts). Malformed files are
 * refused with every problem and its JSON path. The document is validated by parseDocument before
 * it is returned.
 *
 * Work is bounded, since files come from anywhere: more than MAX_CELLS cells or MAX_BOXES boundary
 * boxes are refused, as are boxes nested more than MAX_NESTING levels deep (the limit of our own
 * documents); edges with more than MAX_VERTICES vertices are simplified, with a note; and the
 * crossing tests between flows and curves stop after MAX_CROSSING_TESTS elementary tests, with a
 * note listing the flows left untested.
 */
export function importThreatDragon(input: unknown, options: InteropOptions): ParseResult<ImportResult> {
  const unsafe = checkUntrustedJson(input);
  if (unsafe.length > 0) return { ok: false, problems: unsafe };
  if (!isObject(input))
    return { ok: false, problems: [{ path: '$', message: 'a Threat Dragon model must be a JSON object' }] };
  const version1 = isVersion1(input);
  const model0 = version1 ? convertVersion1(dropNulls(input)) : input;
  const tooMany = checkCellCount(model0);
  if (tooMany) return { ok: false, problems: [tooMany] };

  const parsed = TdModelSchema.safeParse(dropNulls(model0), { reportInput: true });
  if (!parsed.success)
    return { ok: false, problems: explainDetailTypo(input, zodIssuesToProblems(parsed.error.issues)) };
  const model = parsed.data;

  const problems: Problem[] = [];
  const aitm = new Map<TdCell, AitmCellData>();
  model.detail.diagrams.forEach((diagram, d) =>
    diagram.cells.forEach((cell, c) => {
      if (cell.data?.aitm === undefined) return;
      const result = AitmCellSchema.safeParse(cell.data.aitm, { reportInput: true });
      if (result.success) aitm.set(cell, result.data);
      else
        pushAll(
          problems,
          zodIssuesToProblems(result.error.issues, ['detail', 'diagrams', d, 'cells', c, 'data', 'aitm']),
        );
    }),
  );
  if (problems.length > 0) return { ok: false, problems };

  const ctx = createImportContext(model, aitm, options.catalogue);
  if (version1)
    ctx.notes.add(
      'This is a Threat Dragon version 1 model; it was converted as Threat Dragon 2 converts one (boundaries become boundary curves) and exports as version 2.',
    );
  const result = readModel(ctx, options);
  // Says which Threat Dragon format was read (the dispatcher names v2 otherwise).
  return version1 && result.ok
    ? { ...result, value: { ...result.value, recognised: 'Threat Dragon version 1 model' } }
    : result;
}

/** Refuses files with more than MAX_CELLS cells in all before any further work (schema included). */
function checkCellCount(input: Record<string, unknown>): Problem | undefined {
  const detail = input['detail'];
  if (!isObject(detail) || !Array.isArray(detail['diagrams'])) return undefined;
  const diagrams = detail['diagrams'] as unknown[];
  const counts = diagrams.map((d) => (isObject(d) && Array.isArray(d['cells']) ? d['cells'].length : 0));
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total <= MAX_CELLS) return undefined;
  // Name the first cell over the limit.
  let before = 0;
  const d = counts.findIndex((n) => (before += n) > MAX_CELLS);
  const c = MAX_CELLS - (before - counts[d]!);
  return {
    path: formatPath(['detail', 'diagrams', d, 'cells', c]),
    message: `too many cells: the diagrams hold ${count(total)} cells in all, and at most ${count(MAX_CELLS)} can be imported; this is the first one over the limit`,
  };
}

function explainDetailTypo(input: Record<string, unknown>, problems: Problem[]): Problem[] {
  if (input['detail'] !== undefined || input['details'] === undefined) return problems;
  return problems.map((p) =>
    p.path === '$.detail'
      ? {
          path: '$.detail',
          message: 'missing: Threat Dragon v2 keeps the diagrams under "detail", but this file has "details"',
        }
      : p,
  );
}
