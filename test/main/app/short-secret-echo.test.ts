// A secret shorter than four characters, quoted back by a hostile server in its refusal: the window reads the refusal
// (the call's error, a connection test's answer, the activity log), so the server's words must hide it there as they hide a longer one. A real
// server on loopback quoting the Basic password it was sent; the real app, as the window calls it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../main/common/accounts';
import { bootTestApp } from '../../helpers/app-harness';

let app: Awaited<ReturnType<typeof bootTestApp>>;
const quoting = http.createServer((req, res) => {
  const [user, pass] = Buffer.from((req.headers.authorization ?? ' ').split(' ')[1] ?? '', 'base64').toString().split(':');
  res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `wrong password ${pass ?? ''} for ${user ?? ''} (pw=${pass ?? ''}); try "${pass ?? ''}"` }));
});

beforeAll(async () => {
  await new Promise<void>((resolve) => quoting.listen(0, '127.0.0.1', resolve));
  app = await bootTestApp();
});
afterAll(async () => {
  await app.cleanup();
  quoting.close();
});

/** What the window reads of the hostile server's refusal: the listing's error, the connection test's answer and its log line. */
async function refusal(secret: string, userId: string): Promise<string[]> {
  const created = await app.dispatch('accounts.create', {
    config: { kind: 'library', label: userId, serverUrl: `http://127.0.0.1:${(quoting.address() as AddressInfo).port}`, domain: 'd', userId, appId: 'a' },
    secret,
  });
  if (!created.ok) throw new Error(created.error.message);
  const accountId = (created.value as AccountSummary).id;
  const listed = await app.dispatch('library.listFolders', { accountId });
  const tested = await app.dispatch('accounts.test', { accountId });
  const log = await app.dispatch('log.export', {});
  // The log's lines that quote this server (main's own words, a count or a time, may hold the same digits).
  const logged = (log.ok ? (log.value as { text: string }).text : '').split('\n').filter((line) => line.includes(`for ${userId}`));
  const read = [listed.ok ? '' : listed.error.message, tested.ok ? (tested.value as { message: string }).message : tested.error.message, ...logged];
  expect(read.filter((text) => text.includes(`for ${userId}`))).toHaveLength(3);
  return read;
}

describe('a short secret quoted back by the server', () => {
  it.each([
    ['x7q', 'bob'],
    ['9', 'carol'],
    ['x7q9', 'eve'],
  ])('is hidden in the refusal the window reads and in the log (%s)', async (secret, user) => {
    for (const text of await refusal(secret, user)) expect(text.split(/[^\p{L}\p{N}]+/u)).not.toContain(secret);
  });

  it('is hidden only as a whole word: the server’s other words keep their letters', async () => {
    for (const text of await refusal('or', 'dorothy')) expect(text).toContain('wrong password [redacted] for dorothy');
  });
});
