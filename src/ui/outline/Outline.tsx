import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useMemo, useRef, type KeyboardEvent } from 'react';
import { useAppStore } from '../store/StoreContext';
import { OutlineItem } from './OutlineItem';
import { isItemRow, type OutlineRow } from './outlineRows';
import { outlineRowsOf } from './outlineStructure';
import '../styles/outline.css';

/** Rows drawn above and below the visible ones: Tab reaches them, and scrolling shows no gap. */
const OVERSCAN = 12;
const ROW_HEIGHT = 30;
const INDENT = 14;

/**
 * The outline's own box, or a window's height while it has none (before layout, or in a test's
 * DOM, which has no layout): rows are drawn from the first render rather than after a measure.
 */
const fallbackRect = () => ({ width: 0, height: typeof window === 'undefined' ? 800 : window.innerHeight });
const observeRect: typeof observeElementRect = (instance, onChange) =>
  observeElementRect(instance, (rect) => onChange(rect.height > 0 ? rect : fallbackRect()));

/** The next item row from `from` in direction `step` (headings and notes are skipped), or null. */
function nextItem(rows: readonly OutlineRow[], from: number, step: 1 | -1): number | null {
  for (let i = from + step; i >= 0 && i < rows.length; i += step) if (isItemRow(rows[i]!)) return i;
  return null;
}

/** Focuses row `index` once the virtual list has drawn it (after scrolling to it). */
function focusRow(container: HTMLElement, virtualizer: Virtualizer<HTMLElement, Element>, index: number) {
  virtualizer.scrollToIndex(index, { align: 'auto' });
  let tries = 0;
  const attempt = () => {
    const button = container.querySelector<HTMLButtonElement>(`[data-index="${index}"] button`);
    if (button) button.focus();
    else if (tries++ < 10) requestAnimationFrame(attempt);
  };
  attempt();
}

/**
 * The model as lists — boundaries with what they contain, and flows — for people who cannot use
 * the canvas. A virtual list: only the rows on screen are in the page, so a model of a hundred
 * thousand flows lists every one of them. Arrow keys, Home and End move between items.
 */
export function Outline() {
  // The rows only, not the document: an edit that keeps the structure renders no part of the
  // outline but the rows it changes (each OutlineItem reads its own label and badge).
  const rows = useAppStore((s) => outlineRowsOf(s.document));
  const selection = useAppStore((s) => s.selection);
  const selected = useMemo(() => new Set(selection), [selection]);
  // A new function would make the virtual list measure every row again (its memo keys on it).
  const getItemKey = useCallback((i: number) => rows[i]!.key, [rows]);
  const scroller = useRef<HTMLElement>(null);
  // The virtualizer is read during render only (its rows); nothing memoised is handed its functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer<HTMLElement, Element>({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey,
    overscan: OVERSCAN,
    initialRect: fallbackRect(),
    observeElementRect: observeRect,
  });

  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      const container = scroller.current;
      const from = (event.target as HTMLElement).closest<HTMLElement>('[data-index]')?.dataset['index'];
      if (!container || from === undefined) return;
      const at = Number(from);
      const target =
        event.key === 'ArrowDown'
          ? nextItem(rows, at, 1)
          : event.key === 'ArrowUp'
            ? nextItem(rows, at, -1)
            : event.key === 'Home'
              ? nextItem(rows, -1, 1)
              : event.key === 'End'
                ? nextItem(rows, rows.length, -1)
                : undefined;
      if (target === undefined) return;
      event.preventDefault();
      if (target !== null) focusRow(container, virtualizer, target);
    },
    [rows, virtualizer],
  );

  return (
    <nav className="outline" aria-label="Model outline" ref={scroller} onKeyDown={onKeyDown}>
      <h2 className="visually-hidden">Outline</h2>
      <div className="outline-rows" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          const depth = row.kind === 'boundary' || row.kind === 'component' ? row.depth : 0;
          return (
            <div
              key={item.key}
              className="outline-row"
              data-index={item.index}
              ref={virtualizer.measureElement}
              style={{
                transform: `translateY(${item.start}px)`,
                ...(depth > 0 ? { paddingLeft: depth * INDENT } : {}),
              }}
            >
              {row.kind === 'heading' ? (
                <h3>{row.text}</h3>
              ) : row.kind === 'note' ? (
                <p className="muted small">{row.text}</p>
              ) : (
                <OutlineItem kind={row.kind} id={row.id} selected={selected.has(row.id)} />
              )}
            </div>
          );
        })}
      </div>
    </nav>
  );
}
