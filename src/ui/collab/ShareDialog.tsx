import { useId, useState } from 'react';
import { useStore } from 'zustand';
import { Dialog } from '../dialogs/Dialog';
import { useAppStore, useServices } from '../store/StoreContext';
import { activeSession, openSession } from './activeSession';
import { rememberedName, rememberName } from './participantName';
import {
  DEFAULT_SERVER_URL,
  isValidRoomName,
  isValidServerUrl,
  keepToken,
  roomLink,
  suggestRoomName,
  type RoomAddress,
} from './roomAddress';
import './collab.css';

/** "Share…": turns the open document into a workshop room and hands out the links. */
export default function ShareDialog() {
  const services = useServices();
  const { store } = services;
  const title = useAppStore((s) => s.document.meta.title);
  const session = useStore(activeSession, (s) => s.session);
  const joining = useStore(activeSession, (s) => s.joining);
  const [url, setUrl] = useState(session?.address.url ?? DEFAULT_SERVER_URL);
  const [room, setRoom] = useState(() => session?.address.room ?? suggestRoomName(title));
  const [name, setName] = useState(rememberedName);
  const [editToken, setEditToken] = useState(session?.address.token ?? '');
  const [readToken, setReadToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [shared, setShared] = useState<{ edit: string; read: string } | null>(
    session ? links(session.address, readToken) : null,
  );
  const ids = { url: useId(), room: useId(), name: useId(), edit: useId(), read: useId(), help: useId() };
  const close = () => store.getState().update({ shareOpen: false });

  const problem = !isValidServerUrl(url)
    ? 'The server address must start with ws:// or wss://.'
    : !isValidRoomName(room)
      ? 'The room name may use letters, digits, dot, dash and underscore.'
      : name.trim() === ''
        ? 'Enter your name: the others see it next to your cursor.'
        : null;

  const start = async () => {
    if (problem) return setError(problem);
    setError(null);
    rememberName(name.trim());
    const address: RoomAddress = { url, room, token: editToken.trim() || null };
    const failure = await openSession(services, {
      ...address,
      mode: 'share',
      name: name.trim(),
      memory: localStorage,
    });
    if (failure) return setError(failure);
    keepToken(sessionStorage, address);
    // A reload rejoins the room; the token stays out of the address bar (see roomAddress.ts).
    const here = new URL(roomLink(location.href, { ...address, token: null }));
    history.replaceState(history.state, '', `${here.pathname}${here.search}`);
    setShared(links(address, readToken.trim()));
  };

  return (
    <Dialog title="Share as a live workshop" onClose={close} className="share-dialog">
      {shared ? (
        <>
          <p>
            Everyone who opens a link edits (or watches) this model with you, live. Findings are computed in
            each browser from the same model.
          </p>
          <ShareLink label="Edit link" link={shared.edit} />
          <ShareLink label="Read-only link" link={shared.read} />
          {!readToken.trim() && (
            <p className="muted small">
              Without a read-only token the server cannot enforce read-only: the link asks the editor not to
              edit, but anyone who can reach the server may. Set COLLAB_SECRET and mint tokens for that.
            </p>
          )}
          <div className="button-row">
            <button type="button" className="primary-button" onClick={close} data-autofocus>
              Done
            </button>
          </div>
        </>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <p className="muted small">
            The model is written into a room on a collaboration server (<code>npm run collab</code>). Your
            copy stays in this browser as well, and edits made offline merge when you reconnect.
          </p>
          <div className="field">
            <label htmlFor={ids.name}>Your name</label>
            <input
              id={ids.name}
              value={name}
              onChange={(e) => setName(e.target.value)}
              autoComplete="nickname"
              data-autofocus
            />
          </div>
          <div className="field">
            <label htmlFor={ids.url}>Server</label>
            <input id={ids.url} value={url} onChange={(e) => setUrl(e.target.value)} spellCheck={false} />
          </div>
          <div className="field">
            <label htmlFor={ids.room}>Room</label>
            <input id={ids.room} value={room} onChange={(e) => setRoom(e.target.value)} spellCheck={false} />
          </div>
          <fieldset className="fieldset">
            <legend>Tokens (only when the server has COLLAB_SECRET)</legend>
            <p className="field-help" id={ids.help}>
              Mint them where the server runs:{' '}
              <code>npm run collab:token -- --room {room || 'ROOM'} --access edit</code> (and{' '}
              <code>--access read</code> for the read-only link).
            </p>
            <div className="field">
              <label htmlFor={ids.edit}>Edit token</label>
              <input
                id={ids.edit}
                value={editToken}
                onChange={(e) => setEditToken(e.target.value)}
                spellCheck={false}
                autoComplete="off"
                aria-describedby={ids.help}
              />
            </div>
            <div className="field">
              <label htmlFor={ids.read}>Read-only token</label>
              <input
                id={ids.read}
                value={readToken}
                onChange={(e) => setReadToken(e.target.value)}
                spellCheck={false}
                autoComplete="off"
                aria-describedby={ids.help}
              />
            </div>
          </fieldset>
          {error && (
            <p className="collab-error" role="alert">
              {error}
            </p>
          )}
          <div className="button-row">
            <button type="submit" className="primary-button" disabled={joining}>
              {joining ? 'Connecting…' : 'Start sharing'}
            </button>
            <button type="button" className="secondary-button" onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

function links(address: RoomAddress, readToken: string): { edit: string; read: string } {
  const base = `${location.origin}${location.pathname}`;
  return {
    edit: roomLink(base, address),
    read: roomLink(base, { ...address, token: readToken || null, readOnly: true }),
  };
}

function ShareLink({ label, link }: { label: string; link: string }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      // No clipboard permission: the field is selectable, so the link can be copied by hand.
      document.getElementById(id)?.focus();
    }
  };
  return (
    <div className="field share-link">
      <label htmlFor={id}>{label}</label>
      <div className="share-link-row">
        <input id={id} value={link} readOnly onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
        <button
          type="button"
          className="secondary-button"
          onClick={() => void copy()}
          aria-label={`Copy ${label.toLowerCase()}`}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}
