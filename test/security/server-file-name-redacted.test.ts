// A Twilio download's file name is made by main from what the server says of the message (its sender, recipient and
// date): the server's words, not the window's, even though the name is the job's title. A hostile server that
// names the sender after a form of a secret (its hex: the secret itself is full of what a file name cannot hold)
// must see it hidden wherever the window reads the name back through the redactor, as any server's words are; the
// window's own words (the media it named) are still left as written.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp } from '../helpers/app-harness';
import { call, failure, twilioAccount, type TestApp } from '../main/app/handlers/twilio-test-helpers';

const SECRET = `7%+&"é'ß`;
const HEX = Buffer.from(SECRET, 'utf8').toString('hex');

let app: TestApp;
let folder = '';

beforeAll(async () => {
  app = await bootTestApp(undefined, { sandbox: true });
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'md-server-name-'));
  await call(app, 'settings.update', { proxy: { mode: 'manual', host: '10.9.9.9', port: 3128, username: 'corp', bypass: '*' } });
  await call(app, 'settings.setProxyPassword', { password: SECRET });
});
afterAll(async () => {
  await app.cleanup();
  await fs.rm(folder, { recursive: true, force: true });
});

describe("a file name main made from a hostile server's words", () => {
  it('is hidden where it holds a secret, also once its job is in the transfer list', async () => {
    const accountId = (await twilioAccount(app)).id;
    const messageSid = await app.sandbox!.twilio.createMessage({ from: HEX, body: 'hello' });
    const [mediaSid] = await app.sandbox!.twilio.seedMedia(messageSid, 1);
    const item = { messageSid, mediaSid: mediaSid! };
    const grantId = await app.grantFolder(folder);
    const [queued] = await call(app, 'twilio.download', { accountId, grantId, items: [item] });
    // The name holds the secret's hex, as the server wrote the sender.
    expect(queued?.title).toContain(HEX);

    // Asked again to replace the file nobody confirmed: the refusal names the file.
    const refused = await failure(app, 'twilio.download', { accountId, grantId, items: [{ ...item, onExisting: 'overwrite' }] });
    const said = JSON.stringify(refused);
    expect(said).not.toContain(HEX);
    expect(said).toContain('[redacted]');
    // The window's own words in the same name are left: the media it named.
    expect(said).toContain(mediaSid);
  });
});
