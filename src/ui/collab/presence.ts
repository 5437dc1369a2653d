import type { FollowTarget, Peer } from './collabView';

/**
 * Awareness states come from other browsers: read them as untrusted data, keeping only
 * well-formed fields of bounded size, so a hostile peer cannot break the canvas.
 */
const MAX_NAME = 60;
const MAX_SELECTION = 500;
const COLOR = /^#[0-9a-f]{6}$/i;

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function readPeer(clientId: number, state: unknown): Peer | null {
  if (!isRecord(state) || !isRecord(state['user'])) return null;
  const user = state['user'];
  const name = typeof user['name'] === 'string' ? user['name'].slice(0, MAX_NAME).trim() : '';
  const color = typeof user['color'] === 'string' && COLOR.test(user['color']) ? user['color'] : '#6b7280';
  const cursorValue = state['cursor'];
  const cursor =
    isRecord(cursorValue) && isFiniteNumber(cursorValue['x']) && isFiniteNumber(cursorValue['y'])
      ? { x: cursorValue['x'], y: cursorValue['y'] }
      : null;
  const selectionValue = state['selection'];
  const selection = Array.isArray(selectionValue)
    ? selectionValue
        .filter((id): id is string => typeof id === 'string' && id.length <= 200)
        .slice(0, MAX_SELECTION)
    : [];
  return { clientId, name: name || 'Someone', color, cursor, selection, follow: readFollow(state['follow']) };
}

function readFollow(value: unknown): FollowTarget | null {
  if (!isRecord(value) || !Array.isArray(value['keys']) || !Number.isSafeInteger(value['index'])) return null;
  const keys = value['keys']
    .filter((k): k is string => typeof k === 'string' && k.length <= 500)
    .slice(0, 5000);
  const index = value['index'] as number;
  return index >= 0 && index < keys.length ? { keys, index } : null;
}

/** Peers of an awareness map, without this participant, in a stable order. */
export function readPeers(states: ReadonlyMap<number, unknown>, selfId: number): Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, state] of states) {
    if (clientId === selfId) continue;
    const peer = readPeer(clientId, state);
    if (peer) peers.push(peer);
  }
  return peers.sort((a, b) => a.clientId - b.clientId);
}

/** Lets through at most one call per `intervalMs`, always delivering the latest value last. */
export function throttle<T>(intervalMs: number, send: (value: T) => void): (value: T) => void {
  let last = 0;
  let pending: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (value: T) => {
    const now = Date.now();
    if (now - last >= intervalMs && timer === undefined) {
      last = now;
      send(value);
      return;
    }
    pending = { value };
    if (timer !== undefined) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        last = Date.now();
        if (pending) send(pending.value);
        pending = null;
      },
      Math.max(0, intervalMs - (now - last)),
    );
  };
}
