/**
 * A room's address in the editor's URL: `/?collab=ws://HOST:PORT&room=NAME[&token=…]`.
 * The token is taken out of the address bar once read (screenshots, shared screens) and kept in
 * this tab's sessionStorage, so a reload in the middle of a workshop rejoins with it.
 */
export interface RoomAddress {
  url: string;
  room: string;
  token: string | null;
  /**
   * A read-only link (`&access=read`): this editor refuses local edits. The server enforces it
   * only through a read-only token; without COLLAB_SECRET this is a courtesy, said in the docs.
   */
  readOnly?: boolean;
}

export const DEFAULT_SERVER_URL = 'ws://127.0.0.1:1234';
const MAX_ROOM = 120;

/** A room name: letters, digits, dot, dash and underscore, so it reads the same in a link and a file name. */
export function isValidRoomName(room: string): boolean {
  return room.length > 0 && room.length <= MAX_ROOM && /^[A-Za-z0-9._-]+$/.test(room);
}

/** Only WebSocket servers; anything else in a link is refused before a connection is tried. */
export function isValidServerUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      (parsed.protocol === 'ws:' || parsed.protocol === 'wss:') &&
      parsed.username === '' &&
      parsed.password === ''
    );
  } catch {
    return false;
  }
}

/** The room named in a query string, or null when there is none; throws with the reason when it is malformed. */
export function readRoomAddress(search: string): RoomAddress | null {
  const params = new URLSearchParams(search);
  const url = params.get('collab');
  if (url === null) return null;
  const room = params.get('room') ?? '';
  if (!isValidServerUrl(url))
    throw new Error(`the server address “${url.slice(0, 200)}” is not a ws:// or wss:// URL`);
  if (!isValidRoomName(room)) throw new Error('the link names no valid room (letters, digits, . - _)');
  const token = params.get('token');
  return { url, room, token: token === '' ? null : token, readOnly: params.get('access') === 'read' };
}

/** The query string without the token (and, when `leaving`, without the room at all). */
export function addressWithout(search: string, what: 'token' | 'room'): string {
  const params = new URLSearchParams(search);
  params.delete('token');
  if (what === 'room') {
    params.delete('collab');
    params.delete('room');
    params.delete('access');
  }
  const rest = params.toString();
  return rest === '' ? '' : `?${rest}`;
}

/** A link that joins the room (with its token when the server needs one). */
export function roomLink(base: string, address: RoomAddress): string {
  const link = new URL(base);
  link.search = '';
  link.hash = '';
  link.searchParams.set('collab', address.url);
  link.searchParams.set('room', address.room);
  if (address.readOnly) link.searchParams.set('access', 'read');
  if (address.token) link.searchParams.set('token', address.token);
  return link.toString();
}

/** A default room name from the title: readable, plus a random suffix so two workshops do not meet. */
export function suggestRoomName(title: string, random: () => number = Math.random): string {
  const slug = title
    .normalize('NFKD')
    // Accents go (Ü → U) rather than becoming dashes.
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 40);
  const suffix = Math.floor(random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0');
  return `${slug || 'model'}-${suffix}`;
}

const tokenKey = (url: string, room: string) => `aitm.collab.token:${url}|${room}`;

export function keepToken(storage: Storage | null, address: RoomAddress): void {
  if (!storage || !address.token) return;
  try {
    storage.setItem(tokenKey(address.url, address.room), address.token);
  } catch {
    // Storage unavailable: a reload will need the link again.
  }
}

export function keptToken(storage: Storage | null, url: string, room: string): string | null {
  try {
    return storage?.getItem(tokenKey(url, room)) ?? null;
  } catch {
    return null;
  }
}

export function forgetToken(storage: Storage | null, url: string, room: string): void {
  try {
    storage?.removeItem(tokenKey(url, room));
  } catch {
    // Nothing to forget.
  }
}
