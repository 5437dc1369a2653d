import { useMemo } from 'react';
import {
  clearTriage,
  FINDING_KEY_SEPARATOR,
  findOrphanedTriage,
  type Library,
  type ThreatModelDocument,
} from '../../core';
import { humanise } from '../inspector/fields';
import { useAppStore, useStoreApi } from '../store/StoreContext';
import { selectFindings } from '../store/selectors';

interface RemovedEntry {
  key: string;
  title: string;
  /** The element's name, or null when the element is gone. */
  element: string | null;
  elementId: string;
  status: string;
  owner?: string;
  note?: string;
}

/** What a finding key names, read back for people: the threat's title and the element, if it still exists. */
function describe(
  doc: ThreatModelDocument,
  library: Library,
  key: string,
): Pick<RemovedEntry, 'title' | 'element' | 'elementId'> {
  const at = key.lastIndexOf(FINDING_KEY_SEPARATOR);
  const ruleId = at < 0 ? key : key.slice(0, at);
  const elementId = at < 0 ? '' : key.slice(at + 1);
  const rule = library.rules.find((r) => r.id === ruleId);
  const title = (rule && library.threats.get(rule.threat)?.title) ?? ruleId;
  const element =
    doc.components.find((c) => c.id === elementId)?.label ??
    doc.dataFlows.find((f) => f.id === elementId)?.label ??
    doc.trustBoundaries.find((b) => b.id === elementId)?.label ??
    (elementId === 'model' ? doc.meta.title : null);
  return { title, element, elementId };
}

/**
 * Triage whose finding no longer fires — its element was deleted, or changed so the rule no
 * longer applies. The document keeps it (and reports list it) so an accepted risk never vanishes
 * unnoticed; here the team sees it and can discard what is obsolete, as one undoable step.
 */
export function RemovedTriage() {
  const store = useStoreApi();
  const doc = useAppStore((s) => s.document);
  const library = useAppStore((s) => s.library);
  const findings = useAppStore(selectFindings);
  const entries = useMemo<RemovedEntry[]>(
    () =>
      findOrphanedTriage(doc, findings).map(({ key, triage }) => ({
        key,
        ...describe(doc, library, key),
        status: triage.status,
        ...(triage.owner ? { owner: triage.owner } : {}),
        ...(triage.note ? { note: triage.note } : {}),
      })),
    [doc, library, findings],
  );
  if (entries.length === 0) return null;
  return (
    <section className="removed-triage" aria-labelledby="removed-triage-heading">
      <h3 id="removed-triage-heading">Triage of removed elements ({entries.length})</h3>
      <p className="muted small">
        Decisions recorded for findings that no longer fire. They stay in the file and the reports until you
        discard them.
      </p>
      <ul className="removed-triage-list" aria-label="Triage of removed elements">
        {entries.map((e) => (
          <li key={e.key} className="removed-triage-item">
            <div>
              <strong>{e.title}</strong>{' '}
              <span className="muted small">
                {e.element === null
                  ? `on ${e.elementId || 'an element'}, which was removed`
                  : `on ${e.element}, which no longer raises it`}
              </span>
            </div>
            <div className="small">
              <span className={`status-pill status-${e.status}`}>{humanise(e.status)}</span>
              {e.owner && <> · Owner: {e.owner}</>}
              {e.note && <> · Note: {e.note}</>}
            </div>
            <button
              type="button"
              className="link-button small"
              aria-label={`Discard triage of “${e.title}” on ${e.element ?? e.elementId}`}
              onClick={() => store.getState().change((d) => clearTriage(d, e.key))}
            >
              Discard
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
