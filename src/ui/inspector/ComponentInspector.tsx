import { updateComponent, type PropValue } from '../../core';
import { ComponentIcon } from '../canvas/componentIcons';
import { assignBoundary } from '../store/elementActions';
import { useAppStore, useStoreApi } from '../store/StoreContext';
import { selectComponent } from '../store/selectors';
import { Fieldset, SelectField, TextAreaField, TextField } from './fields';
import { ConnectControl } from './ConnectControl';
import { OutOfScopeField } from './OutOfScopeField';
import { PropertyControl } from './PropertyControl';

/** Label, description, boundary and the type's declared properties of one component. */
export function ComponentInspector({ id }: { id: string }) {
  const store = useStoreApi();
  const component = useAppStore(selectComponent(id));
  const type = useAppStore((s) => (component ? s.library.catalogue.types.get(component.type) : undefined));
  const boundaries = useAppStore((s) => s.document.trustBoundaries);
  if (!component) return null;
  const change = (patch: Parameters<typeof updateComponent>[2], field: string) =>
    store.getState().change((doc) => updateComponent(doc, id, patch), { coalesce: `${field}:${id}` });
  const setProp = (name: string, value: PropValue) => change({ props: { [name]: value } }, `prop.${name}`);

  return (
    <div className="inspector-body">
      <h2 className="inspector-title">
        <ComponentIcon typeId={component.type} className="inspector-title-icon" size={18} />{' '}
        {type?.label ?? component.type}
      </h2>
      {type && <p className="muted small">{type.description}</p>}
      <TextField label="Label" value={component.label} onChange={(label) => change({ label }, 'label')} />
      <TextAreaField
        label="Description"
        value={component.description ?? ''}
        onChange={(description) => change({ description }, 'description')}
        rows={2}
      />
      <SelectField
        label="Trust boundary"
        value={component.boundaryId ?? ''}
        onChange={(value) => assignBoundary(store, id, value === '' ? null : value)}
        options={[
          { value: '', label: 'None (outside every boundary)' },
          ...boundaries.map((b) => ({ value: b.id, label: `${b.label || b.id} (${b.zone})` })),
        ]}
      />
      <OutOfScopeField
        value={component.outOfScope}
        onChange={(outOfScope, field) => change({ outOfScope }, field)}
      />
      {type && type.properties.length > 0 && (
        <Fieldset legend="Properties">
          {type.properties.map((declaration) => (
            <PropertyControl
              key={declaration.name}
              declaration={declaration}
              value={component.props?.[declaration.name]}
              onChange={(value) => setProp(declaration.name, value)}
            />
          ))}
        </Fieldset>
      )}
      <ConnectControl sourceId={id} />
    </div>
  );
}
