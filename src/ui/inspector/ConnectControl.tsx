import { useId, useState } from 'react';
import { connectComponents } from '../store/elementActions';
import { useAppStore, useStoreApi } from '../store/StoreContext';

/** Adds a data flow from this component without the canvas (keyboard and screen-reader users). */
export function ConnectControl({ sourceId }: { sourceId: string }) {
  const store = useStoreApi();
  const id = useId();
  const components = useAppStore((s) => s.document.components);
  const [target, setTarget] = useState('');
  const others = components.filter((c) => c.id !== sourceId);
  if (others.length === 0) return null;
  return (
    <div className="field connect-control">
      <label htmlFor={id}>Add a data flow to</label>
      <div className="button-row">
        <select id={id} value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">Choose a component…</option>
          {others.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label || c.id}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={target === ''}
          onClick={() => connectComponents(store, sourceId, target)}
        >
          Connect
        </button>
      </div>
    </div>
  );
}
