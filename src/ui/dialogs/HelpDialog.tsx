import { COMMANDS } from '../commands/commandRegistry';
import { shortcutLabel } from '../commands/shortcuts';
import { REVIEW_KEYS } from '../review/reviewKeys';
import { useAppStore } from '../store/StoreContext';
import { Dialog } from './Dialog';

/** Keyboard shortcuts, listed from the command registry so the list never drifts from the code. */
export default function HelpDialog() {
  const close = useAppStore((s) => s.update);
  const groups = [...new Set(COMMANDS.map((c) => c.group))];
  return (
    <Dialog title="Keyboard shortcuts" onClose={() => close({ helpOpen: false })}>
      <div className="help-columns">
        {groups.map((group) => (
          <table key={group} className="shortcut-table">
            <caption>{group}</caption>
            <tbody>
              {COMMANDS.filter((c) => c.group === group && c.shortcuts.length > 0).map((c) => (
                <tr key={c.id}>
                  <td>{c.label}</td>
                  <td>
                    {c.shortcuts.map((s) => (
                      <kbd key={s}>{shortcutLabel(s)}</kbd>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
        <table className="shortcut-table">
          <caption>In review mode</caption>
          <tbody>
            {REVIEW_KEYS.map(([keys, what]) => (
              <tr key={keys}>
                <td>{what}</td>
                <td>
                  <kbd>{keys}</kbd>
                </td>
              </tr>
            ))}
            <tr>
              <td>Move selected components</td>
              <td>
                <kbd>Arrow keys</kbd> on the canvas
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <button
        type="button"
        className="primary-button"
        onClick={() => close({ helpOpen: false })}
        data-autofocus
      >
        Close
      </button>
    </Dialog>
  );
}
