import { createStore, type StoreApi } from 'zustand/vanilla';

/** Where the room's connection stands, as the indicator says it (text, not only colour). */
export type ConnectionStatus = 'connecting' | 'syncing' | 'online' | 'offline';

export interface Participant {
  name: string;
  color: string;
}

/** The review finding a facilitator shows everyone who follows them. */
export interface FollowTarget {
  keys: string[];
  index: number;
}

/** Another participant, as their awareness state says (untrusted: checked in presence.ts). */
export interface Peer extends Participant {
  clientId: number;
  /** Pointer position in flow coordinates, or null when it is off the canvas. */
  cursor: { x: number; y: number } | null;
  selection: string[];
  follow: FollowTarget | null;
}

/** What the collaboration UI shows; kept outside the app store so presence does not re-render the editor. */
export interface CollabView {
  url: string;
  room: string;
  status: ConnectionStatus;
  readOnly: boolean;
  self: Participant;
  peers: Peer[];
  /** This participant leads ("Follow me" on in review mode). */
  leading: boolean;
  /** This participant follows whoever leads (on by default; "Stop following" turns it off). */
  following: boolean;
}

export type CollabViewStore = StoreApi<CollabView>;

export function createCollabView(
  initial: Omit<CollabView, 'peers' | 'leading' | 'following'>,
): CollabViewStore {
  return createStore<CollabView>()(() => ({ ...initial, peers: [], leading: false, following: true }));
}

/** The first peer that leads, if any: the one everyone following sees. */
export function leaderOf(view: CollabView): Peer | null {
  return view.peers.find((p) => p.follow !== null) ?? null;
}
