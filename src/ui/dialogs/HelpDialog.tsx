import { COMMANDS } from '../commands/commandRegistry';
import { useAppStore } from '../store/StoreContext';
import { Dialog } from './Dialog';
import { shortcutSections } from './shortcutSections';

/** Keyboard shortcuts, listed from the command registry so the list never drifts from the code. */
export default function HelpDialog() {
  const close = useAppStore((s) => s.update);
  return (
    <Dialog title="Keyboard shortcuts" onClose={() => close({ helpOpen: false })}>
      <div className="help-columns">
        {shortcutSections(COMMANDS).map((section) => (
          <table key={section.title} className="shortcut-table">
            <caption>{section.title}</caption>
            <tbody>
              {section.rows.map((row) => (
                <tr key={row.label}>
                  <td>{row.label}</td>
                  <td>
                    {row.keys.map((k) => (
                      <kbd key={k}>{k}</kbd>
                    ))}
                    {row.where && <span className="muted small"> {row.where}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
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
