import { lazy, Suspense, useEffect, useId, useState } from 'react';
import { useStore } from 'zustand';
import { Dialog } from '../dialogs/Dialog';
import { useAppStore, useServices } from '../store/StoreContext';
import { activeSession, openSession } from './activeSession';
import type { ConnectionStatus, Participant } from './collabView';
import { leaderOf } from './collabView';
import { rememberedName, rememberName } from './participantName';
import { addressWithout, keepToken, keptToken, readRoomAddress, type RoomAddress } from './roomAddress';
import './collab.css';

const ShareDialog = lazy(() => import('./ShareDialog'));

const STATUS_TEXT: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  syncing: 'Syncing…',
  online: 'Online',
  offline: 'Offline — edits kept',
};

/**
 * The toolbar's room controls, loaded only when a room is in play (Share…, a `?collab=` link):
 * connection state, read-only badge, participants, follow me, leave; and the Share and Join dialogs.
 */
export default function CollabBar() {
  const services = useServices();
  const { store } = services;
  const shareOpen = useAppStore((s) => s.shareOpen);
  const [request, setRequest] = useState<RoomAddress | null>(null);

  // A `?collab=` link: read once, the token taken out of the address bar at once.
  useEffect(() => {
    let address: RoomAddress | null;
    try {
      address = readRoomAddress(location.search);
    } catch (error) {
      store.getState().update({
        notice: { kind: 'error', message: `This workshop link cannot be used: ${(error as Error).message}.` },
      });
      history.replaceState(
        history.state,
        '',
        `${location.pathname}${addressWithout(location.search, 'room')}`,
      );
      return;
    }
    if (!address) return;
    if (address.token) {
      keepToken(sessionStorage, address);
      history.replaceState(
        history.state,
        '',
        `${location.pathname}${addressWithout(location.search, 'token')}`,
      );
    } else address = { ...address, token: keptToken(sessionStorage, address.url, address.room) };
    setRequest(address);
  }, [store]);

  const join = async (address: RoomAddress, name: string) => {
    setRequest(null);
    const failure = await openSession(services, { ...address, mode: 'join', name, memory: localStorage });
    if (failure) store.getState().update({ notice: { kind: 'error', message: failure } });
  };

  // Asked once: with a remembered name, a link (or a reload mid-workshop) joins straight away.
  useEffect(() => {
    const name = rememberedName();
    if (request && name) void join(request, name);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request]);

  return (
    <>
      <RoomControls />
      {request && !rememberedName() && (
        <JoinDialog
          address={request}
          onJoin={(name) => void join(request, name)}
          onCancel={() => setRequest(null)}
        />
      )}
      {shareOpen && (
        <Suspense fallback={null}>
          <ShareDialog />
        </Suspense>
      )}
    </>
  );
}

function RoomControls() {
  const session = useStore(activeSession, (s) => s.session);
  const joining = useStore(activeSession, (s) => s.joining);
  const inReview = useAppStore((s) => s.review !== null);
  if (!session)
    return joining ? (
      <span className="collab-status" role="status">
        Joining the room…
      </span>
    ) : null;
  return (
    <SessionControls key={session.address.room} inReview={inReview} onLeave={() => void session.leave()} />
  );
}

function SessionControls({ inReview, onLeave }: { inReview: boolean; onLeave: () => void }) {
  const session = useStore(activeSession, (s) => s.session)!;
  const view = useStore(session.view);
  const leader = leaderOf(view);
  return (
    <div className="collab-bar" role="group" aria-label={`Workshop room ${view.room}`}>
      <span
        className={`collab-status collab-status-${view.status}`}
        role="status"
        title={`Room ${view.room} on ${view.url}`}
      >
        {STATUS_TEXT[view.status]}
      </span>
      {view.readOnly && (
        <span className="collab-readonly" title="Your link lets you watch this workshop, not edit it">
          Read-only
        </span>
      )}
      <ul className="collab-participants" aria-label="Participants">
        <ParticipantChip participant={view.self} you />
        {view.peers.map((p) => (
          <ParticipantChip key={p.clientId} participant={p} />
        ))}
      </ul>
      {inReview && (
        <button
          type="button"
          className="secondary-button"
          aria-pressed={view.leading}
          onClick={() => session.setLeading(!view.leading)}
        >
          Follow me
        </button>
      )}
      {leader && !view.leading && (
        <button
          type="button"
          className="secondary-button"
          onClick={() => session.setFollowing(!view.following)}
        >
          {view.following ? `Following ${leader.name} · Stop` : `Follow ${leader.name}`}
        </button>
      )}
      <button
        type="button"
        className="secondary-button"
        onClick={onLeave}
        title="Disconnect; the model stays in Documents as your private copy"
      >
        Leave room
      </button>
    </div>
  );
}

function ParticipantChip({ participant, you = false }: { participant: Participant; you?: boolean }) {
  const label = you ? `${participant.name} (you)` : participant.name;
  return (
    <li
      className="collab-participant"
      style={{ ['--peer-color' as string]: participant.color }}
      title={label}
      aria-label={label}
    >
      <span aria-hidden="true">{initials(participant.name)}</span>
    </li>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase();
}

function JoinDialog({
  address,
  onJoin,
  onCancel,
}: {
  address: RoomAddress;
  onJoin: (name: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [name, setName] = useState('');
  return (
    <Dialog title="Join a live workshop" onClose={onCancel} className="share-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          rememberName(name.trim());
          onJoin(name.trim());
        }}
      >
        <p>
          Room <strong>{address.room}</strong> on <code>{address.url}</code>
          {address.readOnly ? ' (read-only)' : ''}. The room becomes its own document in this browser: the
          model you had open stays as it is.
        </p>
        <div className="field">
          <label htmlFor={id}>Your name</label>
          <input
            id={id}
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="nickname"
            data-autofocus
          />
        </div>
        <div className="button-row">
          <button type="submit" className="primary-button" disabled={!name.trim()}>
            Join
          </button>
          <button type="button" className="secondary-button" onClick={onCancel}>
            Not now
          </button>
        </div>
      </form>
    </Dialog>
  );
}
