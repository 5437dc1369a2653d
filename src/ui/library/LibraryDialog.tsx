import { useState } from 'react';
import { formatProblems, type Problem } from '../../core';
import { Dialog } from '../dialogs/Dialog';
import { failureMessage } from '../errors/reportFailure';
import { useAppStore, useServices } from '../store/StoreContext';
import { addRulePackFile, describeCounts, removeRulePack, type PackOutcome } from './rulePackActions';

/**
 * The library in use: the shipped library and the user's rule packs (JSON data validated by the
 * core, never executed). Adding a pack that does not validate changes nothing and shows why.
 */
export default function LibraryDialog() {
  const services = useServices();
  const base = useAppStore((s) => s.baseLibrary);
  const library = useAppStore((s) => s.library);
  const packs = useAppStore((s) => s.rulePacks);
  const rejected = useAppStore((s) => s.rejectedPacks);
  const update = useAppStore((s) => s.update);
  const [outcome, setOutcome] = useState<PackOutcome | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async () => {
    const file = await services.platform.pickFile('.json,application/json');
    if (!file) return;
    setBusy(true);
    try {
      setOutcome(await addRulePackFile(services, file));
    } finally {
      setBusy(false);
    }
  };
  // The dialog covers the notice bar, so a failure shows here, like a pack that does not validate.
  const addReported = () => {
    add().catch((error: unknown) =>
      setOutcome({
        ok: false,
        message: failureMessage('add the rule pack', error, 'The library in use is unchanged.'),
      }),
    );
  };

  return (
    <Dialog title="Threat library" onClose={() => update({ libraryOpen: false })} className="library-dialog">
      <p>
        {base.name} {base.version}: {base.threats.size} threats, {base.mitigations.size} mitigations,{' '}
        {base.rules.length} rules. In use with your rule packs: {library.threats.size} threats,{' '}
        {library.rules.length} rules.
      </p>
      <h3>Rule packs</h3>
      <p className="muted small">
        A rule pack is a library file (JSON) with your own threats, mitigations, rules and component types. It
        is data only: conditions over the model’s facts, checked when loaded and never run as code. Packs are
        kept in this browser.
      </p>
      {packs.length === 0 ? (
        <p className="muted">No rule packs in use.</p>
      ) : (
        <ul className="pack-list" aria-label="Rule packs in use">
          {packs.map((p) => (
            <li key={p.fileName} className="pack-item">
              <div>
                <strong>{p.name}</strong> <span className="muted small">{p.fileName}</span>
                <br />
                <span className="small">{describeCounts(p.counts)}</span>
                {p.warnings && p.warnings.length > 0 && (
                  <PackWarnings fileName={p.fileName} name={p.name} warnings={p.warnings} />
                )}
              </div>
              <button
                type="button"
                className="secondary-button"
                aria-label={`Remove ${p.name}`}
                onClick={() => void removeRulePack(services, p.fileName).then(setOutcome)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {rejected.length > 0 && (
        <>
          <h3>Stored packs that no longer load</h3>
          <ul className="pack-list" aria-label="Rule packs not loaded">
            {rejected.map((p) => (
              <li key={p.fileName} className="pack-item">
                <pre className="notice-text small">{formatProblems(p.fileName, p.problems, 50)}</pre>
                <button
                  type="button"
                  className="secondary-button"
                  aria-label={`Remove ${p.fileName}`}
                  onClick={() => void removeRulePack(services, p.fileName).then(setOutcome)}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {outcome && !outcome.ok && (
        <div className="notice notice-error" role="alert">
          <pre className="notice-text">{outcome.message}</pre>
          <button type="button" className="secondary-button" onClick={() => setOutcome(null)}>
            Dismiss
          </button>
        </div>
      )}
      {outcome?.ok && (
        <p className="notice notice-info" role="status">
          {outcome.message}
          {outcome.warning ? ` ${outcome.warning}` : ''}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="primary-button" onClick={addReported} disabled={busy} data-autofocus>
          Add a rule pack…
        </button>
        <button type="button" className="secondary-button" onClick={() => update({ libraryOpen: false })}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

/**
 * The loader's warnings about a pack in use (e.g. a threat citing a guideline none of its
 * mitigations implements): the pack works, but its findings would tell readers to follow a
 * guideline without saying how, so its author should see them.
 */
function PackWarnings({ fileName, name, warnings }: { fileName: string; name: string; warnings: Problem[] }) {
  const text = formatProblems(
    fileName,
    warnings.map((w) => ({ ...w, message: `warning: ${w.message}` })),
    50,
  );
  return (
    <div className="pack-warnings" role="group" aria-label={`Warnings for ${name}`}>
      <span className="small">
        {warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`} for the pack’s author:
      </span>
      <pre className="notice-text small">{text}</pre>
    </div>
  );
}
