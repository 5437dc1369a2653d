/**
 * Who is on the other end of a WebSocket upgrade. The TCP peer address is the truth; the
 * X-Forwarded-For / X-Real-IP headers are only believed behind a proxy the operator trusts
 * (COLLAB_TRUST_PROXY), because any client can write them.
 */
import type { IncomingMessage } from 'node:http';

export function isLoopbackAddress(address: string): boolean {
  const bare = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return bare === '::1' || bare === 'localhost' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

const firstHeader = (value: string | string[] | undefined): string | null => {
  const raw = Array.isArray(value) ? value[0] : value;
  const first = raw?.split(',')[0]?.trim();
  return first ? first : null;
};

export interface ClientAddress {
  /** The address throttling and the loopback rule use. */
  readonly ip: string;
  /** Every address on the way (peer and any forwarded-for): all must be loopback for the loopback rule. */
  readonly chain: readonly string[];
}

export function clientAddress(request: IncomingMessage, trustProxy: boolean): ClientAddress {
  const peer = request.socket.remoteAddress ?? '';
  const forwarded =
    firstHeader(request.headers['x-forwarded-for']) ?? firstHeader(request.headers['x-real-ip']);
  const chain = forwarded ? [peer, forwarded] : [peer];
  return { ip: trustProxy && forwarded ? forwarded : peer, chain };
}
