import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRoomFiles, roomFileName, roomFilePath, roomNameProblem } from '../../src/server/roomFiles';

describe('room files', () => {
  it('keeps hostile room names inside the data directory', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'collab-rooms-'));
    for (const name of ['../x', '../../etc/passwd', '/abs', 'a/b', '..', '.', 'C:\\x', '%2e%2e%2fx']) {
      const file = roomFilePath(dir, name);
      expect(path.dirname(file)).toBe(path.resolve(dir));
      expect(path.basename(file)).toMatch(/^room-[A-Za-z0-9_-]+\.ydoc$/);
    }
    // Different names never share a file.
    expect(roomFileName('../x')).not.toBe(roomFileName('..x'));
  });

  it('refuses empty, overlong and control-character names', () => {
    expect(roomNameProblem('')).toMatch(/empty/);
    expect(roomNameProblem('x'.repeat(129))).toMatch(/longer/);
    expect(roomNameProblem('a\u0000b')).toMatch(/control/);
    expect(roomNameProblem('Workshop: chatbot review 2026')).toBeNull();
    expect(() => roomFilePath('/tmp', '')).toThrow(/empty/);
  });

  it('writes atomically and reads back what it wrote', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'collab-rooms-')), 'nested');
    const files = createRoomFiles(dir);
    expect(await files.read('../x')).toBeNull();
    await files.write('../x', new Uint8Array([1, 2, 3]));
    await files.write('../x', new Uint8Array([4, 5]));
    expect(Array.from((await files.read('../x')) ?? [])).toEqual([4, 5]);
    // Only the room file: no temporary file left behind, nothing written outside `dir`.
    expect(readdirSync(dir)).toEqual([roomFileName('../x')]);
    expect(readdirSync(path.dirname(dir))).toEqual(['nested']);
  });
});
