import type { Finding } from '../../core';
import type { FindingFilters } from '../store/appState';
import { changedSince, changedTargets, indexFindings } from '../store/findingsIndex';
import { compareFindings, filterFindings, sortFindings } from '../store/selectors';

/**
 * The threat panel's list of all findings, filtered and sorted, made from the list before it
 * when only the findings changed: sorting 22,000 findings again for each edit at 10,000
 * components took several milliseconds for the few findings an edit replaces.
 *
 * The targets whose findings differ are found by identity (findingsIndex.ts's changedTargets);
 * every other target has the very same findings in both arrays, so the previous list, less the
 * touched targets' findings, is still filtered and sorted, and the touched targets' findings
 * (filtered and sorted) merge into it. The order is total (it ends with the unique key), so the
 * result is the one sorting everything would give.
 */
let last: { findings: readonly Finding[]; filters: FindingFilters; list: Finding[] } | null = null;

export function allFindingsListed(findings: readonly Finding[], filters: FindingFilters): Finding[] {
  if (last && last.findings === findings && last.filters === filters) return last.list;
  const touched =
    last && last.filters === filters && last.findings !== findings
      ? targetsTouched(last.findings, findings)
      : null;
  const list = touched && last ? updated(last.list, findings, filters, touched) : fresh(findings, filters);
  last = { findings, filters, list };
  return list;
}

/**
 * The targets whose findings differ: those the findings index touched when it was updated from
 * the earlier array (the usual step of an edit, done for the badges anyway), else found here;
 * null when so many changed that sorting all again is cheaper.
 */
function targetsTouched(before: readonly Finding[], after: readonly Finding[]): ReadonlySet<string> | null {
  const next = indexFindings(after);
  // Reading a table makes it, updated from the tables in use, which records what it touched.
  void next.byTarget.size;
  return changedSince(next, indexFindings(before)) ?? changedTargets(before, after);
}

function fresh(findings: readonly Finding[], filters: FindingFilters): Finding[] {
  return sortFindings(filterFindings(findings, filters));
}

function updated(
  previous: readonly Finding[],
  findings: readonly Finding[],
  filters: FindingFilters,
  touched: ReadonlySet<string>,
): Finding[] {
  if (touched.size === 0) return previous as Finding[];
  const byTarget = indexFindings(findings).byTarget;
  const changed: Finding[] = [];
  for (const target of touched) for (const f of byTarget.get(target) ?? []) changed.push(f);
  const incoming = sortFindings(filterFindings(changed, filters));
  const out: Finding[] = [];
  let k = 0;
  for (const f of previous) {
    if (touched.has(f.targetId)) continue;
    while (k < incoming.length && compareFindings(incoming[k]!, f) < 0) out.push(incoming[k++]!);
    out.push(f);
  }
  while (k < incoming.length) out.push(incoming[k++]!);
  return out;
}
