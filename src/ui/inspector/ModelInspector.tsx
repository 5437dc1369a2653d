import { renameDocument, updateMeta } from '../../core';
import { useAppStore, useStoreApi } from '../store/StoreContext';
import { TextAreaField, TextField } from './fields';

/** With nothing selected, the inspector edits the model itself. */
export function ModelInspector() {
  const store = useStoreApi();
  const meta = useAppStore((s) => s.document.meta);
  const counts = useAppStore(
    (s) =>
      `${s.document.components.length} components, ${s.document.dataFlows.length} data flows, ${s.document.trustBoundaries.length} trust boundaries`,
  );
  return (
    <div className="inspector-body">
      <h2 className="inspector-title">Model</h2>
      <p className="muted small">{counts}. Select an element on the canvas or in the outline to edit it.</p>
      <TextField
        label="Title"
        value={meta.title}
        onChange={(title) => store.getState().change((d) => renameDocument(d, title), { coalesce: 'title' })}
      />
      <TextField
        label="Owner"
        value={meta.owner ?? ''}
        onChange={(owner) => store.getState().change((d) => updateMeta(d, { owner }), { coalesce: 'owner' })}
      />
      <TextAreaField
        label="Description"
        value={meta.description ?? ''}
        onChange={(description) =>
          store.getState().change((d) => updateMeta(d, { description }), { coalesce: 'meta.description' })
        }
      />
    </div>
  );
}
