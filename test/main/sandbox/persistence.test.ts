// A sandbox restarted on the same data dir comes back with the same credentials and everything that was changed:
// library folders, files, contents and ACLs; Twilio deletions, messages and seeded media; generic uploads. Demo
// content is added once per data dir, never again.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sandboxAccountsSchema, startSandbox, type Sandbox } from '../../../main/sandbox/index.js';
import { basicAuth, demoAsset, httpRequest, listFiles, makeTempDir } from './helpers.js';
import { entries, libraryClient } from './library/client.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(dataDir: string): Promise<Sandbox> {
  const sandbox = await startSandbox({ dataDir });
  cleanups.push(() => sandbox.close());
  return sandbox;
}

async function tempDir(): Promise<string> {
  const dir = await makeTempDir();
  cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

function twilioGet(sandbox: Sandbox, pathAfterAccount: string, method = 'GET') {
  const { accountSid, authToken } = sandbox.accounts.twilio;
  return httpRequest(`${sandbox.baseUrl}/2010-04-01/Accounts/${accountSid}${pathAfterAccount}`, { method, headers: { Authorization: basicAuth(accountSid, authToken) } });
}

describe('persistence across restarts', () => {
  it('keeps credentials, library changes, Twilio changes and generic uploads, and does not seed again', async () => {
    const dataDir = await tempDir();
    const first = await start(dataDir);
    const lib1 = libraryClient(first);
    const d = `/${lib1.domain}`;
    const photo = await demoAsset('ocean-gradient.jpg');
    expect((await lib1.call('POST', d, { json: { id: 'kept' } })).status).toBe(201);
    expect((await lib1.call('POST', `${d}/kept/photo.jpg`, { body: photo, headers: { 'Content-Type': 'application/octet-stream' } })).status).toBe(201);
    expect((await lib1.call('PUT', `${d}/kept/acl`, { json: { readUsers: [first.accounts.library.userId, first.accounts.library.otherUser.userId] } })).status).toBe(202);
    expect((await lib1.call('DELETE', `${d}/photos/sunset.jpg`)).status).toBe(204);

    const demoMessage = first.twilio.messageSids().find((sid) => sid.startsWith('MM'))!;
    const mediaBefore = (await twilioGet(first, `/Messages/${demoMessage}/Media.json`)).json() as { media_list: Array<{ sid: string; uri: string }> };
    const deletedSid = mediaBefore.media_list[0]!.sid;
    expect((await twilioGet(first, `/Messages/${demoMessage}/Media/${deletedSid}.json`, 'DELETE')).status).toBe(204);
    const newMessage = await first.twilio.createMessage({ body: 'persisted' });
    const seeded = await first.twilio.seedMedia(newMessage, 25);
    const messageCount = first.twilio.messageSids().length;

    const { username, password } = first.accounts.generic;
    const form = new FormData();
    form.set('user', username);
    form.set('pass', password);
    form.set('media', new Blob([photo], { type: 'image/jpeg' }), 'photo.jpg');
    const upload = await fetch(first.accounts.generic.settings.genericMediaUploadUrl, { method: 'POST', body: form, headers: { Accept: 'application/json' } });
    const { media_url: mediaUrl } = (await upload.json()) as { media_url: string };
    const mediaPath = new URL(mediaUrl).pathname;

    const before = first.accounts;
    await first.close();
    expect((await listFiles(dataDir)).filter((f) => f.endsWith('.tmp') || f.includes('.upload-'))).toEqual([]);

    const second = await start(dataDir);
    const after = second.accounts;
    expect(after.generic.password).toBe(before.generic.password);
    expect(after.library).toMatchObject({ userId: before.library.userId, password: before.library.password, otherUser: before.library.otherUser });
    expect(after.twilio).toMatchObject({ accountSid: before.twilio.accountSid, authToken: before.twilio.authToken, apiKeySid: before.twilio.apiKeySid, apiKeySecret: before.twilio.apiKeySecret });
    const onDisk = sandboxAccountsSchema.parse(JSON.parse(await fs.readFile(path.join(dataDir, 'sandbox-accounts.json'), 'utf8')));
    expect(onDisk.baseUrl).toBe(second.baseUrl);

    const lib2 = libraryClient(second);
    const kept = entries(await lib2.call('GET', `${d}/kept`, { as: 'other' }));
    expect(kept.map((e) => [e.id, e.size])).toEqual([['kept/photo.jpg', photo.length]]);
    const bytes = await lib2.call('GET', `${d}/kept/photo.jpg`, { as: 'other', headers: { Accept: 'application/octet-stream' } });
    expect(bytes.body.equals(photo)).toBe(true);
    expect(entries(await lib2.call('GET', `${d}/photos`)).map((e) => e.id)).toEqual(['photos/fractal.jpg', 'photos/ocean.jpg']);

    expect((await twilioGet(second, `/Messages/${demoMessage}/Media/${deletedSid}.json`)).status).toBe(404);
    expect(second.twilio.messageSids().length).toBe(messageCount);
    const listed = (await twilioGet(second, `/Messages/${newMessage}/Media.json?PageSize=1000`)).json() as { media_list: Array<{ sid: string }> };
    expect(listed.media_list.map((m) => m.sid)).toEqual(seeded);
    expect((await twilioGet(second, `/Messages/${newMessage}.json`)).json()).toMatchObject({ body: 'persisted', num_media: '25' });

    const served = await httpRequest(`${second.baseUrl}${mediaPath}`);
    expect(served.body.equals(photo)).toBe(true);
  });

  it('survives a Twilio journal whose last line was cut short by a crash', async () => {
    const dataDir = await tempDir();
    const first = await start(dataDir);
    const messageSid = await first.twilio.createMessage();
    await first.twilio.seedMedia(messageSid, 3);
    await first.close();
    await fs.appendFile(path.join(dataDir, 'twilio', 'journal.jsonl'), '{"t":"delete","sid":"ME');
    const second = await start(dataDir);
    expect(((await twilioGet(second, `/Messages/${messageSid}.json`)).json() as { num_media: string }).num_media).toBe('3');
    const more = await second.twilio.seedMedia(messageSid, 2);
    await second.close();
    const third = await start(dataDir);
    const listed = (await twilioGet(third, `/Messages/${messageSid}/Media.json`)).json() as { media_list: Array<{ sid: string }> };
    expect(listed.media_list.map((m) => m.sid)).toEqual(expect.arrayContaining(more));
    expect(listed.media_list).toHaveLength(5);
  });

  it('gives every data dir its own random secrets', async () => {
    const [a, b] = await Promise.all([tempDir(), tempDir()]);
    const [one, two] = await Promise.all([start(a), start(b)]);
    expect(one.accounts.twilio.accountSid).not.toBe(two.accounts.twilio.accountSid);
    expect(one.accounts.twilio.authToken).not.toBe(two.accounts.twilio.authToken);
    expect(one.accounts.generic.password).not.toBe(two.accounts.generic.password);
    expect(one.accounts.library.password).not.toBe(two.accounts.library.password);
    // Credentials of one sandbox do not open the other.
    const { accountSid, authToken } = one.accounts.twilio;
    const res = await httpRequest(`${two.baseUrl}/2010-04-01/Accounts/${two.accounts.twilio.accountSid}/Messages.json`, { headers: { Authorization: basicAuth(accountSid, authToken) } });
    expect(res.status).toBe(401);
  });
});
