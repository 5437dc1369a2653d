import { describe, expect, it } from 'vitest';
import {
  addressWithout,
  isValidServerUrl,
  readRoomAddress,
  roomLink,
  suggestRoomName,
} from '../../../src/ui/collab/roomAddress';

describe('workshop links', () => {
  it('reads the server, room and token of a ?collab= link', () => {
    expect(readRoomAddress('?collab=ws%3A%2F%2F127.0.0.1%3A1234&room=chat-1&token=abc')).toEqual({
      url: 'ws://127.0.0.1:1234',
      room: 'chat-1',
      token: 'abc',
      readOnly: false,
    });
    expect(readRoomAddress('?collab=wss://x.example&room=r&access=read')).toMatchObject({
      token: null,
      readOnly: true,
    });
    expect(readRoomAddress('?other=1')).toBeNull();
  });

  it('refuses links to anything but a WebSocket server, and malformed room names', () => {
    expect(() => readRoomAddress('?collab=https://evil.example&room=r')).toThrow(
      /not a ws:\/\/ or wss:\/\/ URL/,
    );
    expect(() => readRoomAddress('?collab=javascript:alert(1)&room=r')).toThrow(/not a ws/);
    expect(() => readRoomAddress('?collab=ws://h:1&room=../../x')).toThrow(/no valid room/);
    expect(() => readRoomAddress('?collab=ws://h:1')).toThrow(/no valid room/);
    expect(isValidServerUrl('ws://user:pw@h:1')).toBe(false);
  });

  it('builds links that read back to the same room, and strips the token from the address', () => {
    const address = { url: 'ws://127.0.0.1:1234', room: 'chat-1', token: 't.k', readOnly: true };
    const link = roomLink('http://localhost:4173/some/page?x=1#h', address);
    expect(readRoomAddress(new URL(link).search)).toEqual(address);
    expect(addressWithout('?collab=ws://h:1&room=r&token=secret', 'token')).toBe(
      '?collab=ws%3A%2F%2Fh%3A1&room=r',
    );
    expect(addressWithout('?collab=ws://h:1&room=r&token=secret&access=read&x=1', 'room')).toBe('?x=1');
  });

  it('suggests a room name from the title, with a random suffix', () => {
    expect(suggestRoomName('Chat service (prod)', () => 0.5)).toMatch(/^chat-service-prod-[0-9a-z]{6}$/);
    expect(suggestRoomName('Überblick', () => 0)).toBe('uberblick-000000');
    expect(suggestRoomName('«»', () => 0)).toBe('model-000000');
  });
});
