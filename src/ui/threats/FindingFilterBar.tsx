import { FINDING_STATUSES, SEVERITIES } from '../../core';
import type { Framework } from '../store/appState';
import { useAppStore } from '../store/StoreContext';
import { humanise } from '../inspector/fields';

const FRAMEWORKS: { value: Framework; label: string }[] = [
  { value: 'atlas', label: 'MITRE ATLAS' },
  { value: 'owaspLlm', label: 'OWASP LLM Top 10' },
  { value: 'owaspMl', label: 'OWASP ML Top 10' },
  { value: 'saif', label: 'Google SAIF' },
];

/** Filters for the list of all findings: severity, status, guideline and framework. */
export function FindingFilterBar() {
  const filters = useAppStore((s) => s.filters);
  const setFilters = useAppStore((s) => s.setFilters);
  const guidelines = useAppStore((s) => s.library.guidelines);
  return (
    <div className="filter-bar" role="group" aria-label="Filter findings">
      <label>
        Severity
        <select
          value={filters.severity}
          onChange={(e) => setFilters({ severity: e.target.value as typeof filters.severity })}
        >
          <option value="all">All</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select
          value={filters.status}
          onChange={(e) => setFilters({ status: e.target.value as typeof filters.status })}
        >
          <option value="all">All</option>
          {FINDING_STATUSES.map((s) => (
            <option key={s} value={s}>
              {humanise(s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Guideline
        <select value={filters.guideline} onChange={(e) => setFilters({ guideline: e.target.value })}>
          <option value="all">All</option>
          {guidelines.map((g) => (
            <option key={g.id} value={g.id}>
              {g.id} {g.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        Framework
        <select
          value={filters.framework}
          onChange={(e) => setFilters({ framework: e.target.value as typeof filters.framework })}
        >
          <option value="all">All</option>
          {FRAMEWORKS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
