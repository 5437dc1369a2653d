import { renameDocument } from '../../core';
import { useAppStore, useStoreApi } from '../store/StoreContext';
import { CollabBarMount } from '../collab/CollabBarMount';
import { CommandButton } from './CommandButton';
import { ExportMenu } from './ExportMenu';

/** The main toolbar: document title and the registry's commands, grouped. */
export function Toolbar() {
  const store = useStoreApi();
  const title = useAppStore((s) => s.document.meta.title);
  const inEditor = useAppStore((s) => s.view === 'editor');
  const theme = useAppStore((s) => s.theme);
  const snap = useAppStore((s) => s.snapToGrid);
  return (
    <header className="toolbar">
      <span className="brand" aria-hidden="true">
        ◈
      </span>
      {inEditor && (
        <input
          className="title-input"
          aria-label="Model title"
          value={title}
          onChange={(e) =>
            store.getState().change((d) => renameDocument(d, e.target.value), { coalesce: 'title' })
          }
        />
      )}
      <div className="tool-group" role="group" aria-label="File">
        <CommandButton id="new" icon="✚" text="New" />
        <CommandButton id="documents" icon="☰" text="Documents" />
        <CommandButton id="open" icon="⇪" text="Open file" />
        <CommandButton id="save" icon="⬇" text="Save" />
      </div>
      <div className="tool-group" role="group" aria-label="Edit">
        <CommandButton id="undo" icon="↶" />
        <CommandButton id="redo" icon="↷" />
        <CommandButton id="duplicate" icon="❐" />
        <CommandButton id="delete" icon="✕" />
      </div>
      <div className="tool-group" role="group" aria-label="View">
        <CommandButton id="layout" icon="⇶" text="Layout" />
        <CommandButton id="fitView" icon="⤢" />
        <CommandButton id="snap" icon="#" pressed={snap} />
        <CommandButton id="review" icon="▶" text="Review" />
      </div>
      <div className="tool-group" role="group" aria-label="Workshop">
        <CommandButton id="share" icon="⇄" text="Share…" />
        <CollabBarMount />
      </div>
      <div className="tool-group" role="group" aria-label="Export">
        <ExportMenu />
      </div>
      <div className="tool-group tool-group-end" role="group" aria-label="Settings">
        <CommandButton id="library" icon="▤" text="Library" />
        <CommandButton id="theme" icon={theme === 'dark' ? '☀' : '☾'} />
        <CommandButton id="help" icon="?" />
      </div>
    </header>
  );
}
