/**
 * Room access tokens: `base64url(json claims).base64url(hmac-sha256(secret, first part))`.
 * Stateless on purpose: any server process that knows COLLAB_SECRET can check a token, so N
 * instances behind a load balancer need no shared session store.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type CollabAccess = 'edit' | 'read';

export interface CollabTokenClaims {
  readonly room: string;
  readonly access: CollabAccess;
  /** Milliseconds since the epoch; a token without one never expires. */
  readonly expiresAt?: number;
}

export type TokenVerdict =
  | { readonly ok: true; readonly claims: CollabTokenClaims }
  | { readonly ok: false; readonly reason: 'missing' | 'malformed' | 'forged' | 'expired' | 'other-room' };

/** Longer tokens are refused before any decoding: nobody needs a megabyte of claims. */
const MAX_TOKEN_LENGTH = 2048;

const sign = (secret: string, payload: string): Buffer =>
  createHmac('sha256', secret).update(payload, 'utf8').digest();

export function signCollabToken(secret: string, claims: CollabTokenClaims): string {
  if (secret === '') throw new Error('signCollabToken needs a non-empty secret.');
  if (claims.room === '') throw new Error('signCollabToken needs a room name.');
  if (claims.access !== 'edit' && claims.access !== 'read')
    throw new Error(`access must be "edit" or "read", got "${String(claims.access)}".`);
  const body: CollabTokenClaims = {
    room: claims.room,
    access: claims.access,
    ...(claims.expiresAt === undefined ? {} : { expiresAt: claims.expiresAt }),
  };
  const payload = Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
  return `${payload}.${sign(secret, payload).toString('base64url')}`;
}

function parseClaims(payload: string): CollabTokenClaims | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { room, access, expiresAt } = value as Record<string, unknown>;
  if (typeof room !== 'string' || (access !== 'edit' && access !== 'read')) return null;
  if (expiresAt !== undefined && (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt))) return null;
  return expiresAt === undefined ? { room, access } : { room, access, expiresAt };
}

/**
 * Checks the signature first (constant time), and only then reads the claims: an attacker learns
 * nothing from how a forged token fails.
 */
export function verifyCollabToken(
  secret: string,
  token: string | null | undefined,
  room: string,
  now: number = Date.now(),
): TokenVerdict {
  if (!token) return { ok: false, reason: 'missing' };
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, reason: 'malformed' };
  const [payload, signature] = parts as [string, string];
  const expected = sign(secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'forged' };
  const claims = parseClaims(payload);
  if (!claims) return { ok: false, reason: 'malformed' };
  if (claims.expiresAt !== undefined && now >= claims.expiresAt) return { ok: false, reason: 'expired' };
  if (claims.room !== room) return { ok: false, reason: 'other-room' };
  return { ok: true, claims };
}
