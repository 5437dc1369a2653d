import { useCallback } from 'react';
import { useAppStore, useServices } from '../store/StoreContext';
import { commandById, runCommand } from './commandRegistry';
import { shortcutLabel } from './shortcuts';

/** A command as a button needs it: label with shortcut, availability and a run callback. */
export function useCommand(id: string) {
  const services = useServices();
  const command = commandById.get(id);
  if (!command) throw new Error(`unknown command "${id}"`);
  const enabled = useAppStore((s) => (command.enabled ? command.enabled(s) : true));
  const run = useCallback(() => runCommand(services, id), [services, id]);
  const shortcut = command.shortcuts[0];
  return { label: command.label, enabled, run, shortcut: shortcut ? shortcutLabel(shortcut) : null };
}
