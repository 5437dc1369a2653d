import { useMemo, useState } from 'react';
import { useAppStore } from '../store/StoreContext';
import { elementName, selectFindings, selectFindingsIndex, sortFindings } from '../store/selectors';
import { AddThreatForm } from './AddThreatForm';
import { FindingCard } from './FindingCard';
import { FindingFilterBar } from './FindingFilterBar';
import { OutOfScopeFindings } from './OutOfScopeFindings';
import { allFindingsListed } from './panelFindings';
import { RemovedTriage } from './RemovedTriage';
import { UnplacedThreats } from './UnplacedThreats';

const PAGE = 100;

/**
 * Findings for the selected elements, or all findings with filters when nothing is selected.
 * Findings come from the memoised selector: this panel never copies them into state.
 */
export function ThreatPanel() {
  const findings = useAppStore(selectFindings);
  const index = useAppStore(selectFindingsIndex);
  const selection = useAppStore((s) => s.selection);
  const filters = useAppStore((s) => s.filters);
  const doc = useAppStore((s) => s.document);
  const select = useAppStore((s) => s.select);
  // The first analysis of an opened model runs right after its canvas is drawn (deferredAnalysis.ts).
  const analysing = useAppStore(
    (s) => s.analysisDeferredFor !== null && s.analysisDeferredFor === s.document,
  );
  const [limit, setLimit] = useState(PAGE);
  const scoped = selection.length > 0;

  // Both proportional to the change, not the model: all findings from the list before (see
  // panelFindings.ts), a selection's from the index (each target's list).
  const list = useMemo(() => {
    if (!scoped) return allFindingsListed(findings, filters);
    return sortFindings([...new Set(selection)].flatMap((id) => index.byTarget.get(id) ?? []));
  }, [findings, index, filters, selection, scoped]);
  const open = list.filter((f) => f.status === 'open').length;
  const heading = scoped
    ? selection.length === 1
      ? `Findings for ${elementName(doc, selection[0]!)}`
      : `Findings for ${selection.length} elements`
    : 'All findings';

  return (
    <section className="threat-panel" aria-labelledby="threat-panel-heading">
      <div className="panel-heading">
        <h2 id="threat-panel-heading">{heading}</h2>
        <span className="muted small" aria-live="polite">
          {list.length} finding{list.length === 1 ? '' : 's'}, {open} open
        </span>
      </div>
      {scoped ? (
        <button type="button" className="link-button" onClick={() => select([])}>
          Show all findings
        </button>
      ) : (
        <FindingFilterBar />
      )}
      {list.length === 0 && (
        <p className="muted">
          {analysing
            ? 'Analysing the model…'
            : scoped
              ? 'No findings for this selection.'
              : findings.length === 0
                ? 'No findings yet: draw your system to see its threats.'
                : 'No finding matches these filters.'}
        </p>
      )}
      <ul className="finding-list" aria-label="Findings">
        {list.slice(0, limit).map((f) => (
          <FindingCard key={f.key} finding={f} showTarget={!scoped || selection.length > 1} />
        ))}
      </ul>
      {list.length > limit && (
        <button type="button" className="secondary-button" onClick={() => setLimit(limit + PAGE)}>
          Show {Math.min(PAGE, list.length - limit)} more of {list.length - limit}
        </button>
      )}
      <OutOfScopeFindings selection={selection} />
      {scoped && selection.length === 1 && <AddThreatForm key={selection[0]} targetId={selection[0]!} />}
      <UnplacedThreats />
      {!scoped && <RemovedTriage />}
    </section>
  );
}
