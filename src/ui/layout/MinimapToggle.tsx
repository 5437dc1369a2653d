import { ControlButton } from '@xyflow/react';
import { commandById, runCommand } from '../commands/commandRegistry';
import { shortcutLabel } from '../commands/shortcuts';
import { useAppStore, useServices } from '../store/StoreContext';

/** A button among the zoom controls that shows or hides the minimap (remembered by the browser). */
export function MinimapToggle() {
  const services = useServices();
  const shown = useAppStore((s) => s.minimapShown);
  const shortcut = commandById.get('toggleMinimap')?.shortcuts[0];
  // A toggle keeps one name; aria-pressed says whether the minimap shows.
  const label = 'Minimap';
  return (
    <ControlButton
      onClick={() => runCommand(services, 'toggleMinimap')}
      aria-label={label}
      aria-pressed={shown}
      title={`${shown ? 'Hide' : 'Show'} minimap${shortcut ? ` (${shortcutLabel(shortcut)})` : ''}`}
    >
      <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <rect
          x="1.5"
          y="3"
          width="13"
          height="10"
          rx="1"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
        />
        <rect x="8" y="8" width="5" height="3.5" fill="currentColor" />
      </svg>
    </ControlButton>
  );
}
