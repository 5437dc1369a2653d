// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { forgetRoomRecord, rememberRoomRecord, roomRecordId } from '../../../src/ui/collab/roomRecords';
import { forgetToken, keepToken, keptToken } from '../../../src/ui/collab/roomAddress';

describe('what this browser remembers of the rooms it joined', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });

  it('the library record of each room, per server and room', () => {
    rememberRoomRecord(localStorage, 'ws://a:1', 'r', 'doc-1');
    rememberRoomRecord(localStorage, 'ws://b:1', 'r', 'doc-2');
    expect(roomRecordId(localStorage, 'ws://a:1', 'r')).toBe('doc-1');
    expect(roomRecordId(localStorage, 'ws://b:1', 'r')).toBe('doc-2');
    forgetRoomRecord(localStorage, 'ws://a:1', 'r');
    expect(roomRecordId(localStorage, 'ws://a:1', 'r')).toBeNull();
    expect(roomRecordId(localStorage, 'ws://b:1', 'r')).toBe('doc-2');
  });

  it('a damaged entry is ignored, not trusted', () => {
    localStorage.setItem('aitm.collab.records', '{"ws://a:1|r": 42, "ws://a:1|s": "doc-3"}');
    expect(roomRecordId(localStorage, 'ws://a:1', 'r')).toBeNull();
    expect(roomRecordId(localStorage, 'ws://a:1', 's')).toBe('doc-3');
    localStorage.setItem('aitm.collab.records', 'not json');
    expect(roomRecordId(localStorage, 'ws://a:1', 's')).toBeNull();
    expect(roomRecordId(null, 'ws://a:1', 's')).toBeNull();
  });

  it('the token for this tab only, so a reload rejoins without the token in the address bar', () => {
    keepToken(sessionStorage, { url: 'ws://a:1', room: 'r', token: 'secret' });
    expect(keptToken(sessionStorage, 'ws://a:1', 'r')).toBe('secret');
    expect(keptToken(sessionStorage, 'ws://a:1', 'other')).toBeNull();
    expect(localStorage.length).toBe(0);
    forgetToken(sessionStorage, 'ws://a:1', 'r');
    expect(keptToken(sessionStorage, 'ws://a:1', 'r')).toBeNull();
  });
});
