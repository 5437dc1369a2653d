import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useCommand } from '../commands/useCommand';

/** The Export menu's entries: registry commands, with the short names a menu needs. */
const ITEMS = [
  ['save', 'Model (.aitm.json)'],
  ['exportJson', 'JSON report'],
  ['exportMarkdown', 'Markdown report'],
  ['exportThreatDragon', 'Threat Dragon JSON'],
  ['exportThreatComposer', 'Threat Composer JSON'],
  ['exportOtm', 'Open Threat Model (OTM)'],
  ['exportTmBom', 'TM-BOM JSON'],
  ['exportCsv', 'Findings as CSV'],
  ['exportSvg', 'Diagram as SVG'],
  ['exportPng', 'Diagram as PNG'],
] as const;

function ExportItem({ id, text, close }: { id: string; text: string; close: () => void }) {
  const command = useCommand(id);
  return (
    <li role="none">
      <button
        type="button"
        role="menuitem"
        className="menu-item"
        disabled={!command.enabled}
        onClick={() => {
          close();
          command.run();
        }}
      >
        {text}
      </button>
    </li>
  );
}

/**
 * A menu button (WAI-ARIA pattern): arrow keys move between items, Escape closes and returns
 * focus. Positioned fixed because the toolbar scrolls horizontally and would clip it.
 */
export function ExportMenu() {
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  const open = position !== null;
  const close = (refocus = false) => {
    setPosition(null);
    if (refocus) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]:not(:disabled)')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setPosition(null);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const toggle = () => {
    if (open) return close();
    const rect = button.current!.getBoundingClientRect();
    setPosition({ top: rect.bottom + 2, left: rect.left });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const items = [
      ...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not(:disabled)') ?? []),
    ];
    const i = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => items[(to + items.length) % items.length]?.focus();
    if (event.key === 'ArrowDown') move(i + 1);
    else if (event.key === 'ArrowUp') move(i - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(items.length - 1);
    else if (event.key === 'Escape') close(true);
    else if (event.key === 'Tab') close();
    else return;
    if (event.key !== 'Tab') {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        className="tool-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={toggle}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            toggle();
          }
        }}
      >
        <span aria-hidden="true">⇩</span>
        <span className="tool-text">Export</span>
      </button>
      {position && (
        <ul
          ref={menu}
          id={menuId}
          role="menu"
          aria-label="Export"
          className="menu"
          style={{ top: position.top, left: position.left }}
          onKeyDown={onKeyDown}
        >
          {ITEMS.map(([id, text]) => (
            <ExportItem key={id} id={id} text={text} close={() => close(true)} />
          ))}
        </ul>
      )}
    </>
  );
}
