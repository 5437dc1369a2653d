import { lazy, Suspense, useState } from 'react';
import { createEmptyDocument } from '../../core';
import { useCommand } from '../commands/useCommand';
import { loadTemplate, TEMPLATES, type Template } from '../documents/templates';
import { runReported } from '../errors/reportFailure';
import { useAppStore, useServices, useStoreApi } from '../store/StoreContext';
import { tasksOf } from '../work/backgroundTasks';

// The stored documents are read from IndexedDB asynchronously anyway; their list (with its open,
// delete and snapshot actions) loads beside that read instead of in the first load.
const DocumentList = lazy(() => import('./DocumentList').then((m) => ({ default: m.DocumentList })));

/**
 * First screen: the documents in this browser, a blank model, a file, or one of the example
 * models as a template. Each of the last three starts a new document; none overwrites another.
 */
export function StartScreen() {
  const store = useStoreApi();
  const tasks = tasksOf(useServices());
  const open = useCommand('open');
  const current = useAppStore((s) =>
    s.document.components.length + s.document.trustBoundaries.length > 0 ? s.document.meta.title : null,
  );
  const [loading, setLoading] = useState<string | null>(null);
  const openTemplate = (template: Template) => {
    setLoading(template.id);
    runReported(store, `open the example “${template.title}”`, async () => {
      try {
        const result = await loadTemplate(template, store.getState().library.catalogue, tasks);
        if (result.ok) store.getState().replaceDocument(result.document, `${template.id}.aitm.json`);
        else store.getState().update({ notice: { kind: 'error', message: result.message } });
      } finally {
        // Also after a failure (its chunk did not load): the examples stay available.
        setLoading(null);
      }
    });
  };
  return (
    <main className="start-screen" aria-labelledby="start-heading">
      <h1 id="start-heading">AI threat modeller</h1>
      <p className="lead">
        Draw your AI system and get its threats, traceable to the NCSC/CISA guidelines for secure AI system
        development, MITRE ATLAS, OWASP and Google SAIF.
      </p>
      <div className="button-row">
        <button
          type="button"
          className="primary-button"
          onClick={() => store.getState().replaceDocument(createEmptyDocument())}
        >
          Blank model
        </button>
        <button type="button" className="secondary-button" onClick={open.run}>
          Open a file…
        </button>
        {current !== null && (
          <button
            type="button"
            className="secondary-button"
            onClick={() => store.getState().update({ view: 'editor' })}
          >
            Back to “{current}”
          </button>
        )}
      </div>
      <Suspense fallback={null}>
        <DocumentList heading="Your documents" />
      </Suspense>
      {TEMPLATES.length > 0 && (
        <>
          <h2>Start from an example</h2>
          <ul className="template-list">
            {TEMPLATES.map((t) => (
              <li key={t.id}>
                <button
                  type="button"
                  className="template-card"
                  onClick={() => openTemplate(t)}
                  disabled={loading !== null}
                  aria-busy={loading === t.id}
                >
                  <strong>{t.title}</strong>
                  <span className="muted small">{t.description}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="muted small">
        You can also drop a model file (.aitm.json), a Threat Dragon model (version 1 or 2), a Threat Composer
        file (.tc.json), an Open Threat Model (OTM) or a TM-BOM file anywhere on this page. Each model is
        saved in this browser as its own document as you go; nothing leaves your machine.
      </p>
    </main>
  );
}
