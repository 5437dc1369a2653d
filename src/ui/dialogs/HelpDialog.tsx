import { useEffect, useRef } from 'react';
import { COMMANDS } from '../commands/commandRegistry';
import { shortcutLabel } from '../commands/shortcuts';
import { REVIEW_KEYS } from '../review/reviewKeys';
import { useAppStore } from '../store/StoreContext';

/** Keyboard shortcuts, listed from the command registry so the list never drifts from the code. */
export default function HelpDialog() {
  const close = useAppStore((s) => s.update);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    button.current?.focus();
    return () => previous?.focus?.();
  }, []);
  const groups = [...new Set(COMMANDS.map((c) => c.group))];
  return (
    <div className="dialog-backdrop" onClick={() => close({ helpOpen: false })}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-heading"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            close({ helpOpen: false });
          }
        }}
      >
        <h2 id="help-heading">Keyboard shortcuts</h2>
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
          ref={button}
          className="primary-button"
          onClick={() => close({ helpOpen: false })}
        >
          Close
        </button>
      </div>
    </div>
  );
}
