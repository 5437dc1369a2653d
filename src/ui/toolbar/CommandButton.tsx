import { useCommand } from '../commands/useCommand';

/** A toolbar button bound to a registry command: label, shortcut hint and availability in one place. */
export function CommandButton({
  id,
  icon,
  text,
  pressed,
}: {
  id: string;
  icon: string;
  text?: string;
  pressed?: boolean;
}) {
  const command = useCommand(id);
  const title = command.shortcut ? `${command.label} (${command.shortcut})` : command.label;
  return (
    <button
      type="button"
      className="tool-button"
      onClick={command.run}
      disabled={!command.enabled}
      title={title}
      aria-label={command.label}
      aria-keyshortcuts={command.shortcut ?? undefined}
      aria-pressed={pressed}
    >
      <span aria-hidden="true">{icon}</span>
      {text && <span className="tool-text">{text}</span>}
    </button>
  );
}
