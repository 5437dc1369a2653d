import { useMemo } from 'react';
import {
  FINDING_STATUSES,
  GUIDELINE_AREAS,
  guidelineProgress,
  SEVERITIES,
  type Finding,
  type FindingGroup,
  type GuidelineState,
} from '../../core';
import { humanise } from '../inspector/fields';
import { progressDetail } from './progressDetail';
import { useAppStore } from '../store/StoreContext';
import { selectFindings } from '../store/selectors';

const AREA_LABELS: Record<(typeof GUIDELINE_AREAS)[number], string> = {
  'secure-design': 'Secure design',
  'secure-development': 'Secure development',
  'secure-deployment': 'Secure deployment',
  'secure-operation': 'Secure operation and maintenance',
};

const STATE_LABEL: Record<GuidelineState, string> = {
  implemented: 'implemented',
  'partly-implemented': 'partly implemented',
  planned: 'planned',
  missing: 'missing',
  'no-findings': 'no findings',
};

interface RootCauseRow {
  group: FindingGroup;
  members: Finding[];
}

/** Root-cause groups with their members, most severe group first, then by key. */
function rootCauseRows(findings: readonly Finding[]): RootCauseRow[] {
  const rows = new Map<string, RootCauseRow>();
  for (const f of findings) {
    if (!f.group) continue;
    const row = rows.get(f.group.key);
    if (row) row.members.push(f);
    else rows.set(f.group.key, { group: f.group, members: [f] });
  }
  // The most severe member ranks the row (a loop, not Math.min(...), for groups of any size).
  const severityOf = (r: RootCauseRow) =>
    r.members.reduce<number>((best, f) => Math.min(best, SEVERITIES.indexOf(f.severity)), SEVERITIES.length);
  return [...rows.values()].sort(
    (a, b) => severityOf(a) - severityOf(b) || (a.group.key < b.group.key ? -1 : 1),
  );
}

/**
 * Counts by severity and status, findings that share a root cause, and coverage of the 17
 * NCSC/CISA guidelines from mitigation states.
 */
export default function Dashboard() {
  const findings = useAppStore(selectFindings);
  const library = useAppStore((s) => s.library);
  const matrix = useMemo(() => {
    const counts = new Map<string, number>();
    for (const f of findings)
      counts.set(`${f.severity}:${f.status}`, (counts.get(`${f.severity}:${f.status}`) ?? 0) + 1);
    return counts;
  }, [findings]);
  const coverage = useMemo(() => guidelineProgress(findings, library), [findings, library]);
  const rootCauses = useMemo(() => rootCauseRows(findings), [findings]);
  const grouped = rootCauses.reduce((n, r) => n + r.members.length, 0);
  const count = (severity: string | null, status: string | null) =>
    findings.filter(
      (f) => (severity === null || f.severity === severity) && (status === null || f.status === status),
    ).length;

  return (
    <section className="dashboard" aria-labelledby="dashboard-heading">
      <h2 id="dashboard-heading">Dashboard</h2>
      <table className="count-table">
        <caption>Findings by severity and status</caption>
        <thead>
          <tr>
            <th scope="col">Severity</th>
            {FINDING_STATUSES.map((s) => (
              <th key={s} scope="col">
                {humanise(s)}
              </th>
            ))}
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {SEVERITIES.map((sev) => (
            <tr key={sev}>
              <th scope="row">
                <span className={`severity-pill sev-${sev}`}>{sev}</span>
              </th>
              {FINDING_STATUSES.map((st) => (
                <td key={st}>{matrix.get(`${sev}:${st}`) ?? 0}</td>
              ))}
              <td>{count(sev, null)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">Total</th>
            {FINDING_STATUSES.map((st) => (
              <td key={st}>{count(null, st)}</td>
            ))}
            <td>{findings.length}</td>
          </tr>
        </tbody>
      </table>

      {rootCauses.length > 0 && (
        <>
          <h3>Shared root causes</h3>
          <p className="muted small">
            {grouped} findings come from {rootCauses.length} root cause{rootCauses.length === 1 ? '' : 's'}:
            fixing one addresses all its findings on that element.
          </p>
          <table className="count-table">
            <caption>Findings by root cause</caption>
            <thead>
              <tr>
                <th scope="col">Root cause</th>
                <th scope="col">Element</th>
                <th scope="col">Findings</th>
                <th scope="col">Open</th>
                <th scope="col">Highest</th>
              </tr>
            </thead>
            <tbody>
              {rootCauses.map(({ group, members }) => {
                const top = members.find((f) => f.key === group.primary) ?? members[0]!;
                return (
                  <tr key={group.key}>
                    <th scope="row">{group.title}</th>
                    <td>{top.targetLabel}</td>
                    <td>{members.length}</td>
                    <td>{members.filter((f) => f.status === 'open').length}</td>
                    <td>
                      <span className={`severity-pill sev-${top.severity}`}>{top.severity}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}

      <h3>Guideline coverage</h3>
      <p className="muted small">
        From the states of the mitigations your findings suggest: implemented, partly implemented (done for
        some findings, not all), planned, or missing.
      </p>
      {GUIDELINE_AREAS.map((area) => {
        const rows = coverage.filter((c) => c.area === area);
        if (rows.length === 0) return null;
        return (
          <div key={area} className="coverage-area">
            <h4>{AREA_LABELS[area]}</h4>
            <ul className="coverage-list">
              {rows.map((c) => (
                <li key={c.id} className={`coverage coverage-${c.state}`}>
                  <span className="coverage-id">{c.id}</span>
                  <span className="coverage-title">{c.title}</span>
                  <span className={`coverage-status coverage-${c.state}`}>{STATE_LABEL[c.state]}</span>
                  {c.mitigations.length > 0 && <span className="muted small">{progressDetail(c)}</span>}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
