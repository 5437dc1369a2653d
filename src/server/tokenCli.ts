/**
 * `npm run collab:token -- --room NAME --access edit|read [--hours N]`: prints one token signed
 * with COLLAB_SECRET, for a facilitator to put into the share link.
 */
import process from 'node:process';
import { parseArgs } from 'node:util';
import { signCollabToken, type CollabAccess } from './tokens';

const USAGE = 'usage: npm run collab:token -- --room NAME --access edit|read [--hours N]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function run(): void {
  const secret = process.env.COLLAB_SECRET;
  if (!secret) fail('COLLAB_SECRET is not set: tokens are signed with the server secret.');
  let values: { room?: string; access?: string; hours?: string };
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: { room: { type: 'string' }, access: { type: 'string' }, hours: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (!values.room) fail('--room is required.');
  if (values.access !== 'edit' && values.access !== 'read') fail('--access must be "edit" or "read".');
  let expiresAt: number | undefined;
  if (values.hours !== undefined) {
    const hours = Number(values.hours);
    if (!Number.isFinite(hours) || hours <= 0)
      fail(`--hours must be a positive number, got "${values.hours}".`);
    expiresAt = Date.now() + Math.round(hours * 3_600_000);
  }
  const access: CollabAccess = values.access;
  process.stdout.write(`${signCollabToken(secret, { room: values.room, access, expiresAt })}\n`);
}

run();
