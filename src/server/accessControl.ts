/**
 * Who may join which room. With COLLAB_SECRET every connection needs a token for that room
 * (a read token makes the connection read-only); without it only clients on this machine may
 * connect at all. Reasons are logged without the token, the URL or its query string.
 */
import type {
  Extension,
  onAuthenticatePayload,
  onConnectPayload,
  onUpgradePayload,
} from '@hocuspocus/server';
import type { Socket } from 'node:net';
import { clientAddress, isLoopbackAddress } from './clientAddress';
import { roomNameProblem } from './roomFiles';
import { verifyCollabToken } from './tokens';

export interface AccessOptions {
  readonly secret: string | null;
  readonly trustProxy: boolean;
  readonly warn: (line: string) => void;
}

/** Refuses an upgrade before the WebSocket exists: the client sees a plain HTTP 403. */
function refuseUpgrade(socket: Socket): Promise<never> {
  socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  socket.destroy();
  // Hocuspocus stops the upgrade on a rejection without an error, and logs nothing.
  return Promise.reject(undefined as unknown as Error);
}

/** A short, token-free name for a room in logs (room names come from clients). */
const printable = (room: string) => JSON.stringify(room.slice(0, 64));

export function accessControl({ secret, trustProxy, warn }: AccessOptions): Extension {
  const extension: Extension = {
    extensionName: 'AccessControl',
    // Before Throttle and the rest: a refused client costs nothing more.
    priority: 1000,
    onUpgrade({ request, socket }: onUpgradePayload) {
      const address = clientAddress(request, trustProxy);
      // Throttle keys on X-Real-IP: set it from what we trust so a client cannot pick its own bucket.
      request.headers['x-real-ip'] = address.ip;
      if (secret === null && !address.chain.every(isLoopbackAddress)) {
        warn(
          `refused a connection from ${address.chain.join(' via ')}: no COLLAB_SECRET, only clients on this machine may join`,
        );
        return refuseUpgrade(socket as Socket);
      }
      return Promise.resolve();
    },
    onConnect({ documentName }: onConnectPayload) {
      const problem = roomNameProblem(documentName);
      if (problem) {
        warn(`refused room ${printable(documentName)}: ${problem}`);
        return Promise.reject(new Error(problem));
      }
      return Promise.resolve();
    },
  };
  if (secret !== null) {
    extension.onAuthenticate = ({ token, documentName, connectionConfig }: onAuthenticatePayload) => {
      const verdict = verifyCollabToken(secret, token, documentName);
      if (!verdict.ok) {
        warn(`refused room ${printable(documentName)}: ${verdict.reason} token`);
        return Promise.reject(new Error(`${verdict.reason} token`));
      }
      if (verdict.claims.access === 'read') connectionConfig.readOnly = true;
      return Promise.resolve({ access: verdict.claims.access });
    };
  }
  return extension;
}
