import { shortcutLabel } from '../commands/shortcuts';
import { commandById, runCommand } from '../commands/commandRegistry';
import { useServices } from '../store/StoreContext';

/**
 * The button on a panel's inner edge that collapses or expands it. It stays in a narrow rail when
 * the panel is closed, so the panel is always one click (or its shortcut) away.
 */
export function PanelToggle({
  side,
  open,
  controls,
  name,
}: {
  side: 'left' | 'right';
  open: boolean;
  controls: string;
  name: string;
}) {
  const services = useServices();
  const id = side === 'left' ? 'toggleLeftPanel' : 'toggleRightPanel';
  const shortcut = commandById.get(id)?.shortcuts[0];
  // The arrow points where the panel will go: towards its edge to close, away from it to open.
  const towardsEdge = side === 'left' ? '‹' : '›';
  const awayFromEdge = side === 'left' ? '›' : '‹';
  const label = `${open ? 'Hide' : 'Show'} ${name}`;
  return (
    <div className={`panel-rail panel-rail-${side}`}>
      <button
        type="button"
        className="panel-toggle"
        aria-expanded={open}
        aria-controls={controls}
        aria-label={label}
        title={shortcut ? `${label} (${shortcutLabel(shortcut)})` : label}
        onClick={() => runCommand(services, id)}
      >
        <span aria-hidden="true">{open ? towardsEdge : awayFromEdge}</span>
      </button>
    </div>
  );
}
