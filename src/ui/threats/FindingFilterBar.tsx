import { FINDING_STATUSES, SEVERITIES } from '../../core';
import type { Framework } from '../store/appState';
import { useAppStore } from '../store/StoreContext';
import { humanise } from '../inspector/fields';

const FRAMEWORKS: { value: Framework; label: string }[] = [
  { value: 'atlas', label: 'MITRE ATLAS' },
  { value: 'owaspLlm', label: 'OWASP LLM Top 10' },
  { value: 'owaspMl', label: 'OWASP ML Top 10' },
  { value: 'owaspAgentic', label: 'OWASP Agentic Top 10' },
  { value: 'saif', label: 'Google SAIF' },
];

interface FilterSelectProps<T extends string> {
  label: string;
  value: T | 'all';
  options: readonly { value: T; label: string }[];
  onChange: (value: T | 'all') => void;
}

/** One labelled filter: "All" plus the given options. */
function FilterSelect<T extends string>({ label, value, options, onChange }: FilterSelectProps<T>) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value as T | 'all')}>
        <option value="all">All</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Filters for the list of all findings: severity, status, guideline and framework. */
export function FindingFilterBar() {
  const filters = useAppStore((s) => s.filters);
  const setFilters = useAppStore((s) => s.setFilters);
  const guidelines = useAppStore((s) => s.library.guidelines);
  return (
    <div className="filter-bar" role="group" aria-label="Filter findings">
      <FilterSelect
        label="Severity"
        value={filters.severity}
        options={SEVERITIES.map((s) => ({ value: s, label: s }))}
        onChange={(severity) => setFilters({ severity })}
      />
      <FilterSelect
        label="Status"
        value={filters.status}
        options={FINDING_STATUSES.map((s) => ({ value: s, label: humanise(s) }))}
        onChange={(status) => setFilters({ status })}
      />
      <FilterSelect
        label="Guideline"
        value={filters.guideline}
        options={guidelines.map((g) => ({ value: g.id, label: `${g.id} ${g.title}` }))}
        onChange={(guideline) => setFilters({ guideline })}
      />
      <FilterSelect
        label="Framework"
        value={filters.framework}
        options={FRAMEWORKS}
        onChange={(framework) => setFilters({ framework })}
      />
    </div>
  );
}
