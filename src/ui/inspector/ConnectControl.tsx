import { memo, useId, useState } from 'react';
import { connectComponents } from '../store/elementActions';
import { useAppStore, useStoreApi } from '../store/StoreContext';
import { componentChoices, type ComponentChoice } from './componentChoices';

/** Adds a data flow from this component without the canvas (keyboard and screen-reader users). */
export function ConnectControl({ sourceId }: { sourceId: string }) {
  const store = useStoreApi();
  const id = useId();
  const choices = useAppStore((s) => componentChoices(s.document.components));
  const [target, setTarget] = useState('');
  if (choices.length < 2) return null;
  return (
    <div className="field connect-control">
      <label htmlFor={id}>Add a data flow to</label>
      <div className="button-row">
        <select id={id} value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">Choose a component…</option>
          <ComponentOptions choices={choices} except={sourceId} />
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

/**
 * The options, drawn again only when the choices or the source change (not on a property edit,
 * nor on a keystroke in the source's own label: its choice is not among its options, and ten
 * thousand options reconciled again per keystroke were most of a keystroke's time at that size).
 */
const ComponentOptions = memo(function ComponentOptions({
  choices,
  except,
}: {
  choices: readonly ComponentChoice[];
  except: string;
}) {
  return choices
    .filter((c) => c.id !== except)
    .map((c) => (
      <option key={c.id} value={c.id}>
        {c.name}
      </option>
    ));
}, sameOptions);

type OptionsProps = { choices: readonly ComponentChoice[]; except: string };

function sameOptions(a: OptionsProps, b: OptionsProps): boolean {
  if (a.except !== b.except) return false;
  if (a.choices === b.choices) return true;
  if (a.choices.length !== b.choices.length) return false;
  // Choices are the same objects unless renamed (componentChoices.ts): only the source may differ.
  for (let i = 0; i < a.choices.length; i++) {
    const x = a.choices[i]!;
    const y = b.choices[i]!;
    if (x !== y && (x.id !== a.except || y.id !== a.except)) return false;
  }
  return true;
}
