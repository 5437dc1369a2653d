import { useMemo, useState } from 'react';
import { useAppStore, useStoreApi } from '../store/StoreContext';
import { elementKind, elementName } from '../store/selectors';
import { attachUserThreat, deleteUserThreat } from '../store/triageActions';

const PAGE = 50;

/**
 * Threats imported without a place in the diagram (Threat Composer has none). They are not
 * findings until attached: select a component or data flow, then attach each threat to it.
 */
export function UnplacedThreats() {
  const store = useStoreApi();
  const threats = useAppStore((s) => s.document.userThreats);
  const target = useAppStore((s) => {
    if (s.selection.length !== 1) return null;
    const kind = elementKind(s.document, s.selection[0]!);
    return kind === 'component' || kind === 'dataFlow' ? s.selection[0]! : null;
  });
  const targetName = useAppStore((s) => (target ? elementName(s.document, target) : ''));
  const unplaced = useMemo(() => threats.filter((t) => t.targetId === null), [threats]);
  const [limit, setLimit] = useState(PAGE);
  if (unplaced.length === 0) return null;
  return (
    <section className="unplaced-threats" aria-labelledby="unplaced-heading">
      <h3 id="unplaced-heading">Unplaced threats ({unplaced.length})</h3>
      <p className="muted small">
        {target
          ? `Attach a threat to ${targetName}; it then shows as one of its findings.`
          : 'Imported threats wait here. Select a component or data flow to attach a threat to it.'}
      </p>
      <ul className="unplaced-list" aria-label="Unplaced threats">
        {unplaced.slice(0, limit).map((t) => (
          <li key={t.id} className="unplaced-item">
            <span className={`severity-pill sev-${t.severity}`}>{t.severity}</span>
            <span className="unplaced-title">{t.title}</span>
            <span className="button-row">
              <button
                type="button"
                className="secondary-button"
                disabled={!target}
                aria-label={target ? `Attach “${t.title}” to ${targetName}` : `Attach “${t.title}”`}
                onClick={() => target && attachUserThreat(store, t.id, target)}
              >
                Attach
              </button>
              <button
                type="button"
                className="link-button"
                aria-label={`Delete “${t.title}”`}
                onClick={() => deleteUserThreat(store, t.id)}
              >
                Delete
              </button>
            </span>
          </li>
        ))}
      </ul>
      {unplaced.length > limit && (
        <button type="button" className="secondary-button" onClick={() => setLimit(limit + PAGE)}>
          Show {Math.min(PAGE, unplaced.length - limit)} more of {unplaced.length - limit}
        </button>
      )}
    </section>
  );
}
