import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { signCollabToken, verifyCollabToken } from '../../src/server/tokens';

const SECRET = 'a-long-enough-test-secret';
const ROOT = path.resolve(import.meta.dirname, '../..');

describe('collab tokens', () => {
  it('verifies a token for its room and returns its access', () => {
    const edit = signCollabToken(SECRET, { room: 'review', access: 'edit' });
    const read = signCollabToken(SECRET, { room: 'review', access: 'read' });
    expect(verifyCollabToken(SECRET, edit, 'review')).toEqual({
      ok: true,
      claims: { room: 'review', access: 'edit' },
    });
    expect(verifyCollabToken(SECRET, read, 'review')).toEqual({
      ok: true,
      claims: { room: 'review', access: 'read' },
    });
    expect(edit).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('refuses missing, forged, tampered, expired, other-room and malformed tokens', () => {
    const token = signCollabToken(SECRET, { room: 'review', access: 'read', expiresAt: 2_000 });
    expect(verifyCollabToken(SECRET, '', 'review')).toEqual({ ok: false, reason: 'missing' });
    expect(verifyCollabToken(SECRET, null, 'review')).toEqual({ ok: false, reason: 'missing' });
    expect(verifyCollabToken('another-secret-entirely', token, 'review', 1_000)).toEqual({
      ok: false,
      reason: 'forged',
    });
    // Upgrading read to edit without the secret: the signature no longer matches the claims.
    const [, signature] = token.split('.');
    const tampered = `${Buffer.from(JSON.stringify({ room: 'review', access: 'edit' })).toString('base64url')}.${signature}`;
    expect(verifyCollabToken(SECRET, tampered, 'review', 1_000)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyCollabToken(SECRET, token, 'review', 2_000)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyCollabToken(SECRET, token, 'other', 1_000)).toEqual({ ok: false, reason: 'other-room' });
    expect(verifyCollabToken(SECRET, token, 'review', 1_000).ok).toBe(true);
    expect(verifyCollabToken(SECRET, 'no-dot', 'review')).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyCollabToken(SECRET, 'a.b.c', 'review')).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyCollabToken(SECRET, `${'x'.repeat(5000)}.y`, 'review')).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('a correctly signed payload with bad claims is malformed, not accepted', () => {
    const payload = Buffer.from(JSON.stringify({ room: 'review', access: 'admin' })).toString('base64url');
    const signature = createHmac('sha256', SECRET).update(payload).digest('base64url');
    expect(verifyCollabToken(SECRET, `${payload}.${signature}`, 'review')).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('npm run collab:token prints a token the server accepts, and refuses without a secret', async () => {
    const run = promisify(execFile);
    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    const { stdout } = await run(
      tsx,
      ['src/server/tokenCli.ts', '--room', 'review', '--access', 'read', '--hours', '2'],
      {
        cwd: ROOT,
        env: { ...process.env, COLLAB_SECRET: SECRET },
      },
    );
    const verdict = verifyCollabToken(SECRET, stdout.trim(), 'review');
    expect(verdict.ok && verdict.claims.access).toBe('read');
    expect(verdict.ok && verdict.claims.expiresAt).toBeGreaterThan(Date.now() + 3_500_000);
    await expect(
      run(tsx, ['src/server/tokenCli.ts', '--room', 'review', '--access', 'edit'], {
        cwd: ROOT,
        env: { ...process.env, COLLAB_SECRET: '' },
      }),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('COLLAB_SECRET is not set') });
  });
});
