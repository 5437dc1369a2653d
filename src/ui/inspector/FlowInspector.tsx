import {
  DATA_CATEGORIES,
  FLOW_KINDS,
  flowName,
  updateDataFlow,
  type DataCategory,
  type FlowKind,
} from '../../core';
import { useAppStore, useStoreApi } from '../store/StoreContext';
import { componentsById, selectFlow } from '../store/selectors';
import { CheckboxField, Fieldset, SelectField, TextAreaField, TextField, humanise } from './fields';
import { OutOfScopeField } from './OutOfScopeField';
import { FLOW_KIND_LABELS, LOCAL_FLOW_HELP, flowKindHelp } from './flowKinds';

const KIND_OPTIONS = [
  { value: '', label: 'Not set' },
  ...FLOW_KINDS.map((kind) => ({ value: kind, label: FLOW_KIND_LABELS[kind] })),
];

/** Label, description and the security properties of one data flow. */
export function FlowInspector({ id }: { id: string }) {
  const store = useStoreApi();
  const flow = useAppStore(selectFlow(id));
  const ends = useAppStore((s) =>
    flow ? flowName(flow, (id) => componentsById(s.document).get(id)?.label) : '',
  );
  if (!flow) return null;
  const change = (patch: Parameters<typeof updateDataFlow>[2], field: string) =>
    store.getState().change((doc) => updateDataFlow(doc, id, patch), { coalesce: `${field}:${id}` });
  const data = flow.props?.data ?? [];
  const toggle = (category: DataCategory, on: boolean) => {
    const next = on ? [...data, category] : data.filter((d) => d !== category);
    change(
      { props: { data: next.length ? DATA_CATEGORIES.filter((d) => next.includes(d)) : null } },
      `data.${category}`,
    );
  };

  return (
    <div className="inspector-body">
      <h2 className="inspector-title">Data flow</h2>
      <p className="muted small">
        {ends}{' '}
        <button
          type="button"
          className="link-button"
          onClick={() => change({ sourceId: flow.targetId, targetId: flow.sourceId }, 'reverse')}
        >
          Reverse direction
        </button>
      </p>
      <TextField
        label="Label"
        value={flow.label}
        onChange={(label) => change({ label }, 'label')}
        placeholder="What it carries, e.g. questions"
      />
      <TextAreaField
        label="Description"
        value={flow.description ?? ''}
        onChange={(description) => change({ description }, 'description')}
        rows={2}
      />
      <SelectField
        label="Kind"
        value={flow.props?.kind ?? ''}
        onChange={(kind) => change({ props: { kind: kind === '' ? null : (kind as FlowKind) } }, 'kind')}
        options={KIND_OPTIONS}
        help={flowKindHelp(flow.props?.kind)}
      />
      <OutOfScopeField
        value={flow.outOfScope}
        onChange={(outOfScope, field) => change({ outOfScope }, field)}
      />
      <Fieldset legend="Security">
        <CheckboxField
          label="Local (never leaves one device)"
          value={flow.props?.local ?? false}
          onChange={(local) => change({ props: { local: local ? true : null } }, 'local')}
          help={LOCAL_FLOW_HELP}
        />
        <CheckboxField
          label="Encrypted in transit"
          value={flow.props?.encrypted ?? false}
          onChange={(encrypted) => change({ props: { encrypted } }, 'encrypted')}
        />
        <CheckboxField
          label="Authenticated"
          value={flow.props?.authenticated ?? false}
          onChange={(authenticated) => change({ props: { authenticated } }, 'authenticated')}
        />
        <TextField
          label="Protocol"
          value={flow.props?.protocol ?? ''}
          onChange={(protocol) =>
            change({ props: { protocol: protocol === '' ? null : protocol } }, 'protocol')
          }
          placeholder="e.g. HTTPS, gRPC"
        />
      </Fieldset>
      <Fieldset legend="Data carried">
        <div className="checkbox-grid">
          {DATA_CATEGORIES.map((category) => (
            <CheckboxField
              key={category}
              label={humanise(category)}
              value={data.includes(category)}
              onChange={(on) => toggle(category, on)}
            />
          ))}
        </div>
      </Fieldset>
    </div>
  );
}
