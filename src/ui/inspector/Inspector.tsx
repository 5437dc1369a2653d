import { useLayoutEffect, useRef } from 'react';
import { useCommand } from '../commands/useCommand';
import { useAppStore } from '../store/StoreContext';
import { elementKind } from '../store/selectors';
import { BoundaryInspector } from './BoundaryInspector';
import { ComponentInspector } from './ComponentInspector';
import { FlowInspector } from './FlowInspector';
import { ModelInspector } from './ModelInspector';

/** Edits whatever is selected; every change is a document command and re-evaluates at once. */
export function Inspector() {
  const selection = useAppStore((s) => s.selection);
  const kind = useAppStore((s) =>
    s.selection.length === 1 ? elementKind(s.document, s.selection[0]!) : null,
  );
  const remove = useCommand('delete');
  // A new selection starts at its name: the inspector must not keep the last element's scroll.
  // Only when it was scrolled: writing scrollTop forces a layout of the page, about 29 ms in the
  // mousedown frame of every drag on a large canvas (selecting is the drag's first step).
  const section = useRef<HTMLElement>(null);
  const scrolled = useRef(false);
  const selected = selection.join('\n');
  useLayoutEffect(() => {
    if (section.current && scrolled.current) {
      section.current.scrollTop = 0;
      scrolled.current = false;
    }
  }, [selected]);
  let body;
  if (selection.length === 0) body = <ModelInspector />;
  else if (selection.length > 1)
    body = (
      <div className="inspector-body">
        <h2 className="inspector-title">{selection.length} elements selected</h2>
      </div>
    );
  else if (kind === 'component') body = <ComponentInspector id={selection[0]!} />;
  else if (kind === 'dataFlow') body = <FlowInspector id={selection[0]!} />;
  else if (kind === 'trustBoundary') body = <BoundaryInspector id={selection[0]!} />;
  return (
    <section
      className="inspector"
      aria-label="Inspector"
      ref={section}
      onScroll={(event) => {
        scrolled.current = event.currentTarget.scrollTop > 0;
      }}
    >
      {body}
      {selection.length > 0 && (
        <button type="button" className="danger-button" onClick={remove.run}>
          Delete {selection.length > 1 ? `${selection.length} elements` : 'element'}
        </button>
      )}
    </section>
  );
}
