import { boundaryDescendants, updateTrustBoundary, ZONES } from '../../core';
import { useAppStore, useStoreApi } from '../store/StoreContext';
import { selectBoundary } from '../store/selectors';
import { SelectField, TextAreaField, TextField, optionsOf } from './fields';

/** Label, zone, nesting and description of one trust boundary. */
export function BoundaryInspector({ id }: { id: string }) {
  const store = useStoreApi();
  const boundary = useAppStore(selectBoundary(id));
  const doc = useAppStore((s) => s.document);
  if (!boundary) return null;
  const change = (patch: Parameters<typeof updateTrustBoundary>[2], field: string) =>
    store.getState().change((d) => updateTrustBoundary(d, id, patch), { coalesce: `${field}:${id}` });
  const inside = boundaryDescendants(doc, id);
  const parents = doc.trustBoundaries.filter((b) => !inside.has(b.id));
  const members = doc.components.filter((c) => c.boundaryId === id).length;

  return (
    <div className="inspector-body">
      <h2 className="inspector-title">Trust boundary</h2>
      <p className="muted small">
        {members} component{members === 1 ? '' : 's'} directly inside.
      </p>
      <TextField label="Label" value={boundary.label} onChange={(label) => change({ label }, 'label')} />
      <SelectField
        label="Zone"
        value={boundary.zone}
        onChange={(zone) => change({ zone: zone as (typeof ZONES)[number] }, 'zone')}
        options={optionsOf(ZONES)}
        help="How exposed the inside of this boundary is; crossing into a less exposed zone raises threats."
      />
      <SelectField
        label="Inside boundary"
        value={boundary.parentId ?? ''}
        onChange={(value) => change({ parentId: value === '' ? null : value }, 'parent')}
        options={[
          { value: '', label: 'None (top level)' },
          ...parents.map((b) => ({ value: b.id, label: b.label || b.id })),
        ]}
      />
      <TextAreaField
        label="Description"
        value={boundary.description ?? ''}
        onChange={(description) => change({ description }, 'description')}
        rows={2}
      />
    </div>
  );
}
