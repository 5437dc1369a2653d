import { useMemo } from 'react';
import { useAppStore } from '../store/StoreContext';
import {
  componentsById,
  elementName,
  flowsById,
  selectOutOfScopeFindings,
  sortFindings,
} from '../store/selectors';
import { FindingCard } from './FindingCard';

/**
 * Findings of out-of-scope elements, apart from the counted ones: for the selection, or all of
 * them when nothing is selected. Collapsed by default — the room decided these are not its to
 * treat — but never hidden, so a wrong scoping decision can still be seen and undone.
 */
export function OutOfScopeFindings({ selection }: { selection: readonly string[] }) {
  const all = useAppStore(selectOutOfScopeFindings);
  const doc = useAppStore((s) => s.document);
  const list = useMemo(() => {
    if (selection.length === 0) return sortFindings(all);
    const ids = new Set(selection);
    return sortFindings(all.filter((f) => ids.has(f.targetId)));
  }, [all, selection]);
  const reasons = useMemo(
    () =>
      selection.flatMap((id) => {
        // By the editor's id maps: core's outOfScopeOf scans every component and flow, 7 ms an
        // edit at 10,000 components.
        const marking = componentsById(doc).get(id)?.outOfScope ?? flowsById(doc).get(id)?.outOfScope;
        return marking ? [{ id, reason: marking.reason }] : [];
      }),
    [doc, selection],
  );
  if (list.length === 0 && reasons.length === 0) return null;
  return (
    <section className="out-of-scope-findings" aria-label="Out of scope">
      {reasons.map(({ id, reason }) => (
        <p key={id} className="muted small">
          {elementName(doc, id)} is out of scope{reason ? `: ${reason}` : ' (no reason given)'}. Its findings
          are not counted.
        </p>
      ))}
      {list.length > 0 && (
        <details>
          <summary>
            Out of scope ({list.length} finding{list.length === 1 ? '' : 's'}, not counted)
          </summary>
          <ul className="finding-list" aria-label="Findings of out-of-scope elements">
            {list.map((f) => (
              <FindingCard key={f.key} finding={f} showTarget={selection.length !== 1} />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
