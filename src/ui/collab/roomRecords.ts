/**
 * Which library record holds each room this browser joined: a reload or a second visit reopens
 * the same record instead of adding a copy per visit. Only ids are kept here; the record is read
 * through the document library like any other.
 */
const KEY = 'aitm.collab.records';

type RoomRecords = Record<string, string>;

const roomKey = (url: string, room: string) => `${url}|${room}`;

function read(storage: Storage | null): RoomRecords {
  try {
    const value: unknown = JSON.parse(storage?.getItem(KEY) ?? '{}');
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    const records: RoomRecords = {};
    for (const [k, v] of Object.entries(value)) if (typeof v === 'string') records[k] = v;
    return records;
  } catch {
    return {};
  }
}

function write(storage: Storage | null, records: RoomRecords): void {
  try {
    storage?.setItem(KEY, JSON.stringify(records));
  } catch {
    // Storage full or unavailable: the next visit makes a new record, nothing is lost.
  }
}

export function roomRecordId(storage: Storage | null, url: string, room: string): string | null {
  return read(storage)[roomKey(url, room)] ?? null;
}

export function rememberRoomRecord(storage: Storage | null, url: string, room: string, id: string): void {
  write(storage, { ...read(storage), [roomKey(url, room)]: id });
}

export function forgetRoomRecord(storage: Storage | null, url: string, room: string): void {
  const records = read(storage);
  delete records[roomKey(url, room)];
  write(storage, records);
}

/** The name of the room's local copy in IndexedDB (y-indexeddb), one per server and room. */
export const offlineStoreName = (url: string, room: string) => `aitm-collab:${roomKey(url, room)}`;
