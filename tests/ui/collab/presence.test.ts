import { afterEach, describe, expect, it, vi } from 'vitest';
import { readPeer, readPeers, throttle } from '../../../src/ui/collab/presence';

describe('peer presence', () => {
  it('keeps only well-formed fields of an awareness state', () => {
    expect(
      readPeer(7, {
        user: { name: '  Ada  ', color: '#1971c2' },
        cursor: { x: 10, y: -5 },
        selection: ['c-1', 42, 'c-2'],
        follow: { keys: ['k1', 'k2'], index: 1 },
      }),
    ).toEqual({
      clientId: 7,
      name: 'Ada',
      color: '#1971c2',
      cursor: { x: 10, y: -5 },
      selection: ['c-1', 'c-2'],
      follow: { keys: ['k1', 'k2'], index: 1 },
    });
  });

  it('a hostile state cannot inject styles, huge lists or impossible positions', () => {
    const peer = readPeer(1, {
      user: { name: 'x'.repeat(500), color: 'red; background: url(http://evil)' },
      cursor: { x: Number.NaN, y: 1 },
      selection: Array.from({ length: 10_000 }, (_, i) => `c${i}`),
      follow: { keys: ['a'], index: 3 },
    })!;
    expect(peer.name).toHaveLength(60);
    expect(peer.color).toBe('#6b7280');
    expect(peer.cursor).toBeNull();
    expect(peer.selection).toHaveLength(500);
    expect(peer.follow).toBeNull();
    expect(readPeer(2, 'garbage')).toBeNull();
    expect(readPeer(3, { user: null })).toBeNull();
  });

  it('lists peers without this participant, in a stable order', () => {
    const states = new Map<number, unknown>([
      [9, { user: { name: 'B' } }],
      [3, { user: { name: 'Me' } }],
      [5, { user: { name: 'A' } }],
      [6, {}],
    ]);
    expect(readPeers(states, 3).map((p) => [p.clientId, p.name])).toEqual([
      [5, 'A'],
      [9, 'B'],
    ]);
  });
});

describe('throttle', () => {
  afterEach(() => void vi.useRealTimers());
  it('sends at most one value per interval, and always the latest last', () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    const send = throttle(50, (v: number) => sent.push(v));
    for (let i = 1; i <= 10; i++) send(i);
    expect(sent).toEqual([1]);
    vi.advanceTimersByTime(50);
    expect(sent).toEqual([1, 10]);
    vi.advanceTimersByTime(200);
    send(11);
    expect(sent).toEqual([1, 10, 11]);
  });
});
