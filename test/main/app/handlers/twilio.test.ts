// The Twilio viewer through the app's dispatcher, against the embedded sandbox: paging by the links Twilio gives,
// media as JSON and XML, previews streamed with Range through the browser host's media route, downloads through
// the queue with name conflicts, deletion, and Twilio's errors reaching the caller with their code.
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaRoute } from '../../../../main/webhost/media-route';
import { refusals } from '../../../../main/webhost/replies';
import { bootTestApp } from '../../../helpers/app-harness';
import { allMediaOf, allMessages, call, failure, transfersSettled, twilioAccount, type TestApp } from './twilio-test-helpers';

let app: TestApp;
let accountId: string;
let mediaServer: http.Server;
let mediaOrigin: string;

beforeAll(async () => {
  app = await bootTestApp(undefined, { sandbox: true });
  accountId = (await twilioAccount(app)).id;
  // The browser host's own media route, on a bare server: the preview URL is fetched the way the page fetches it.
  const route = mediaRoute(app.media, app.mediaFailures);
  const refuse = refusals('en');
  mediaServer = http.createServer((req, res) => void route(req, res, new URL(req.url ?? '/', 'http://127.0.0.1'), refuse).then((handled) => handled || res.writeHead(404).end()));
  await new Promise<void>((resolve) => mediaServer.listen(0, '127.0.0.1', resolve));
  mediaOrigin = `http://127.0.0.1:${(mediaServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => mediaServer.close(resolve));
  await app.cleanup();
});

/** The bytes as the sandbox's CDN serves them, fetched without the app: the oracle the app's copies must match. */
async function cdnBytes(mediaSid: string): Promise<Buffer> {
  const res = await fetch(app.sandbox?.twilio.signedMediaUrl(mediaSid, new Date(Date.now() + 60_000)) ?? 'missing');
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function mediaMessage(minMedia: number) {
  const page = await call(app, 'twilio.listMessages', { accountId, withMediaOnly: true });
  const message = page.items.find((m) => (m.numMedia ?? 0) >= minMedia);
  if (!message) throw new Error(`no demo message with ${minMedia} media`);
  return message;
}

describe('messages', () => {
  it('pages through every message by following nextPageUri, never building Page=N', async () => {
    const { messages, pages, links } = await allMessages(app, accountId, 25);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(messages.map((m) => m.sid)).toEqual(app.sandbox?.twilio.messageSids());
    expect(new Set(messages.map((m) => m.sid)).size).toBe(messages.length);
    for (const link of links) expect(link).toMatch(/PageToken=/);
    // Newest first, with the fields the list shows.
    const sent = messages.map((m) => Date.parse(m.dateSent ?? ''));
    expect([...sent].sort((a, b) => b - a)).toEqual(sent);
    expect(messages[0]).toMatchObject({ from: expect.any(String), to: expect.any(String), body: expect.any(String) });
  });

  it('keeps only messages with media when asked, also on the pages after the first', async () => {
    let page = await call(app, 'twilio.listMessages', { accountId, withMediaOnly: true, pageSize: 10 });
    const shown = [...page.items];
    while (page.nextPageUri !== null) {
      page = await call(app, 'twilio.nextMessages', { accountId, nextPageUri: page.nextPageUri, withMediaOnly: true });
      shown.push(...page.items);
    }
    const everything = (await allMessages(app, accountId, 1000)).messages;
    expect(shown.map((m) => m.sid)).toEqual(everything.filter((m) => (m.numMedia ?? 0) > 0).map((m) => m.sid));
    expect(shown.length).toBeLessThan(everything.length);
  });

  it('filters by sender, recipient and the days sent (both days included)', async () => {
    const everything = (await allMessages(app, accountId, 1000)).messages;
    const sample = everything[40];
    const day = sample?.dateSent?.slice(0, 10) ?? '';
    const byDay = await call(app, 'twilio.listMessages', { accountId, dateSentAfter: day, dateSentBefore: day, pageSize: 1000 });
    expect(byDay.items.map((m) => m.sid)).toEqual(everything.filter((m) => m.dateSent?.startsWith(day)).map((m) => m.sid));
    const from = await call(app, 'twilio.listMessages', { accountId, from: sample?.from ?? '', to: sample?.to ?? '', pageSize: 1000 });
    expect(from.items.length).toBeGreaterThan(0);
    expect(from.items.every((m) => m.from === sample?.from && m.to === sample?.to)).toBe(true);
    expect(from.items.map((m) => m.sid)).toContain(sample?.sid);
  });

  it('fetches one message', async () => {
    const message = await mediaMessage(2);
    expect(await call(app, 'twilio.getMessage', { accountId, messageSid: message.sid })).toEqual(message);
  });
});

describe('media', () => {
  it('pages through the media of a message by nextPageUri', async () => {
    const messageSid = await app.sandbox!.twilio.createMessage({ body: 'paging' });
    const seeded = await app.sandbox!.twilio.seedMedia(messageSid, 7);
    const first = await call(app, 'twilio.listMedia', { accountId, messageSid, pageSize: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.nextPageUri).toMatch(/PageToken=/);
    const all = await allMediaOf(app, accountId, messageSid, 3);
    expect(all.map((m) => m.sid)).toEqual(seeded);
    expect(all.every((m) => m.messageSid === messageSid)).toBe(true);
  });

  it('reads a media resource as JSON and as Twilio XML', async () => {
    const message = await mediaMessage(2);
    const [listed] = await allMediaOf(app, accountId, message.sid);
    const json = await call(app, 'twilio.getMedia', { accountId, messageSid: message.sid, mediaSid: listed!.sid });
    expect(json.resource).toEqual(listed!.resource);
    expect(json.resource).toMatchObject({ sid: listed!.sid, parent_sid: message.sid, content_type: listed!.contentType });
    expect(json.resource.date_created).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
    expect(json.resource.uri).toMatch(new RegExp(`/Media/${listed!.sid}\\.json$`));
    // The copyable address: the API's, with no credentials in it.
    expect(json.mediaUrl).toBe(`${app.sandbox!.baseUrl}/2010-04-01/Accounts/${app.sandbox!.accounts.twilio.accountSid}/Messages/${message.sid}/Media/${listed!.sid}`);
    expect(json.mediaUrl).not.toContain(app.sandbox!.accounts.twilio.authToken);

    const { xml } = await call(app, 'twilio.getMediaXml', { accountId, messageSid: message.sid, mediaSid: listed!.sid });
    expect(xml).toMatch(/^<\?xml[^>]*\?>\s*<TwilioResponse>\s*<Media>/);
    expect(xml).toContain(`<Sid>${listed!.sid}</Sid>`);
    expect(xml).toContain(`<ContentType>${listed!.contentType}</ContentType>`);
  });

  it('streams a preview with Range through the media route, credentials kept in main', async () => {
    const message = await mediaMessage(1);
    const media = await allMediaOf(app, accountId, message.sid);
    const demo = (await call(app, 'twilio.listMessages', { accountId, withMediaOnly: true, pageSize: 50 })).items;
    let video = media.find((m) => m.kind === 'video');
    for (const m of demo) {
      if (video) break;
      video = (await allMediaOf(app, accountId, m.sid)).find((x) => x.kind === 'video');
    }
    for (const item of [media[0]!, video!]) {
      expect(item.previewUrl).toMatch(/^\/media\/m_[a-f0-9]{32}$/);
      const oracle = await cdnBytes(item.sid);
      const whole = await fetch(`${mediaOrigin}${item.previewUrl}`);
      expect(whole.status).toBe(200);
      expect(whole.headers.get('content-type')).toBe(item.contentType);
      expect(Buffer.from(await whole.arrayBuffer()).equals(oracle)).toBe(true);

      const part = await fetch(`${mediaOrigin}${item.previewUrl}`, { headers: { range: 'bytes=100-1099' } });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes 100-1099/${oracle.length}`);
      expect(part.headers.get('accept-ranges')).toBe('bytes');
      expect(Buffer.from(await part.arrayBuffer()).equals(oracle.subarray(100, 1100))).toBe(true);

      const tail = await fetch(`${mediaOrigin}${item.previewUrl}`, { headers: { range: `bytes=${oracle.length - 10}-` } });
      expect(Buffer.from(await tail.arrayBuffer()).equals(oracle.subarray(oracle.length - 10))).toBe(true);
    }
    expect(video?.contentType).toBe('video/mp4');
    // The media host never saw the account's credentials.
    expect(app.sandbox!.cdnLog.length).toBeGreaterThan(0);
    expect(app.sandbox!.cdnLog.every((entry) => !entry.authorization)).toBe(true);
    // A fresh URL for the same media serves the same bytes.
    const { url } = await call(app, 'twilio.previewUrl', { accountId, messageSid: message.sid, mediaSid: media[0]!.sid });
    expect(url).not.toBe(media[0]!.previewUrl);
    expect(Buffer.from(await (await fetch(`${mediaOrigin}${url}`)).arrayBuffer()).equals(await cdnBytes(media[0]!.sid))).toBe(true);
  });

  it("answers a preview Twilio refuses with 502 and its reason, and notes it in the activity log as that media's", async () => {
    const message = await mediaMessage(1);
    const gone = `ME${'0'.repeat(32)}`;
    const { url } = await call(app, 'twilio.previewUrl', { accountId, messageSid: message.sid, mediaSid: gone });
    const res = await fetch(`${mediaOrigin}${url}`);
    expect(res.status).toBe(502);
    expect(await res.text()).toMatch(/^This media could not be loaded: /);
    const noted = app.services.log.list().filter((entry) => entry.scope === 'media');
    expect(noted).toEqual([expect.objectContaining({ level: 'warn', accountId, message: expect.stringContaining(`The Twilio media "${message.sid}/${gone}" could not be opened for a preview (`) })]);
  });

  it('downloads through the queue under the media name, asking nothing and replacing only what the user chose', async () => {
    const message = await mediaMessage(3);
    const [a, b, c] = await allMediaOf(app, accountId, message.sid);
    // Named by the message's date and sender and the media SID (the date in this computer's time zone).
    const sent = new Date(message.dateSent ?? '');
    const stamp = `${sent.getFullYear()}-${String(sent.getMonth() + 1).padStart(2, '0')}-${String(sent.getDate()).padStart(2, '0')}_${String(sent.getHours()).padStart(2, '0')}${String(sent.getMinutes()).padStart(2, '0')}`;
    expect(a!.fileName).toBe(`${stamp}_${message.from!.replace(/[^A-Za-z0-9+@._-]/g, '_')}_${a!.sid}${path.extname(a!.fileName)}`);
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'md-twilio-dl-'));
    try {
      await fs.writeFile(path.join(folder, a!.fileName), 'mine, keep me');
      const names = [a!, b!, c!].map((m) => m.fileName);
      const grantId = await app.grantFolder(folder);
      // An earlier download of b: the app's own file, which it may replace.
      const earlier = await call(app, 'twilio.download', { accountId, grantId, items: [{ messageSid: message.sid, mediaSid: b!.sid }] });
      await transfersSettled(app, earlier.map((t) => t.id));
      expect(await call(app, 'files.findExisting', { grantId, names })).toEqual([a!.fileName, b!.fileName]);
      // The user's own file is never replaced, whatever the window says.
      const refused = await failure(app, 'twilio.download', { accountId, grantId, items: [{ messageSid: message.sid, mediaSid: a!.sid, onExisting: 'overwrite' }] });
      expect(refused).toMatchObject({ code: 'forbidden' });
      expect(await call(app, 'files.findExisting', { grantId, names })).toEqual([a!.fileName, b!.fileName]);

      const queued = await call(app, 'twilio.download', {
        accountId,
        grantId,
        items: [
          { messageSid: message.sid, mediaSid: a!.sid, onExisting: 'keepBoth' },
          { messageSid: message.sid, mediaSid: b!.sid, onExisting: 'overwrite' },
          { messageSid: message.sid, mediaSid: c!.sid },
        ],
      });
      expect(queued.map((t) => [t.direction, t.title])).toEqual(names.map((n) => ['download', n]));
      const done = await transfersSettled(app, queued.map((t) => t.id));
      expect(done.map((t) => [t.state, t.error])).toEqual([['done', undefined], ['done', undefined], ['done', undefined]]);

      const ext = path.extname(a!.fileName);
      const keptBoth = path.join(folder, `${a!.fileName.slice(0, -ext.length)} (1)${ext}`);
      expect(await fs.readFile(path.join(folder, a!.fileName), 'utf8')).toBe('mine, keep me');
      expect((await fs.readFile(keptBoth)).equals(await cdnBytes(a!.sid))).toBe(true);
      expect((await fs.readFile(path.join(folder, b!.fileName))).equals(await cdnBytes(b!.sid))).toBe(true);
      expect((await fs.readFile(path.join(folder, c!.fileName))).equals(await cdnBytes(c!.sid))).toBe(true);
      expect(done.find((t) => t.title === a!.fileName)?.result?.savedTo).toBe(keptBoth);
      // Nothing else: no temporary file left behind.
      expect((await fs.readdir(folder)).sort()).toEqual([a!.fileName, b!.fileName, c!.fileName, path.basename(keptBoth)].sort());
    } finally {
      await fs.rm(folder, { recursive: true, force: true });
    }
  });

  it('names media and downloads by the pattern chosen in Settings, and refuses a pattern that cannot work, in words', async () => {
    const message = await mediaMessage(1);
    try {
      const refused = await failure(app, 'settings.update', { twilioFileNamePattern: '{date}/{sender}{ext}' });
      expect(refused.message).toMatch(/“\/” cannot be in a file name/);
      expect((await failure(app, 'settings.update', { twilioFileNamePattern: '{date}_{sender}_{mediaSid}{ext}' })).message).toMatch(/\{sender\} is not a token/);
      expect((await failure(app, 'settings.update', { twilioFileNamePattern: '{date}{ext}' })).message).toMatch(/must contain \{mediaSid\}/);
      expect((await call(app, 'settings.get', {})).twilioFileNamePattern).toBe('{date}_{time}_{from}_{mediaSid}{ext}');

      await call(app, 'settings.update', { twilioFileNamePattern: '{to}-{messageSid}-{mediaSid}{ext}' });
      const [media] = await allMediaOf(app, accountId, message.sid);
      const to = message.to!.replace(/[^A-Za-z0-9+@._-]/g, '_');
      expect(media!.fileName).toBe(`${to}-${message.sid}-${media!.sid}${path.extname(media!.fileName)}`);
      const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'md-twilio-pattern-'));
      try {
        const grantId = await app.grantFolder(folder);
        const queued = await call(app, 'twilio.download', { accountId, grantId, items: [{ messageSid: message.sid, mediaSid: media!.sid }] });
        await transfersSettled(app, queued.map((t) => t.id));
        expect(await fs.readdir(folder)).toEqual([media!.fileName]);
      } finally {
        await fs.rm(folder, { recursive: true, force: true });
      }
    } finally {
      await call(app, 'settings.update', { twilioFileNamePattern: '{date}_{time}_{from}_{mediaSid}{ext}' });
    }
  });

  it("names a download by the type Twilio gives, not the window's: a type the window sends is refused", async () => {
    const messageSid = await app.sandbox!.twilio.createMessage({ body: 'typed' });
    const [mediaSid] = await app.sandbox!.twilio.seedMedia(messageSid, 1);
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'md-twilio-type-'));
    try {
      const grantId = await app.grantFolder(folder);
      const told = await app.dispatch('twilio.download', { accountId, grantId, items: [{ messageSid, mediaSid: mediaSid!, contentType: 'text/plain' }] });
      expect(told).toMatchObject({ ok: false, error: { code: 'validation' } });
      // Never listed through the app: main reads the media from Twilio for its type.
      const [queued] = await call(app, 'twilio.download', { accountId, grantId, items: [{ messageSid, mediaSid: mediaSid! }] });
      const media = await call(app, 'twilio.getMedia', { accountId, messageSid, mediaSid: mediaSid! });
      expect(media.contentType).toMatch(/^(image|video|audio)\//);
      expect(path.extname(media.fileName)).not.toBe('.bin');
      expect(queued!.title).toBe(media.fileName);
      await transfersSettled(app, [queued!.id]);
    } finally {
      await fs.rm(folder, { recursive: true, force: true });
    }
  });

  it('never replaces a dangling link at the name: it is taken, the download takes "name (1)"', async () => {
    const messageSid = await app.sandbox!.twilio.createMessage({ body: 'link' });
    await app.sandbox!.twilio.seedMedia(messageSid, 1);
    const [media] = await allMediaOf(app, accountId, messageSid);
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'md-twilio-link-'));
    try {
      const link = path.join(folder, media!.fileName);
      await fs.symlink(path.join(folder, 'elsewhere-not-yet'), link);
      const grantId = await app.grantFolder(folder);
      const queued = await call(app, 'twilio.download', { accountId, grantId, items: [{ messageSid, mediaSid: media!.sid }] });
      const [done] = await transfersSettled(app, queued.map((t) => t.id));
      const ext = path.extname(media!.fileName);
      expect(done).toMatchObject({ state: 'done', result: { savedTo: path.join(folder, `${media!.fileName.slice(0, -ext.length)} (1)${ext}`) } });
      expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
      await expect(fs.access(path.join(folder, 'elsewhere-not-yet'))).rejects.toThrow();
    } finally {
      await fs.rm(folder, { recursive: true, force: true });
    }
  });

  it('deletes a media item: the listing and the count of the message no longer have it', async () => {
    const messageSid = await app.sandbox!.twilio.createMessage({ body: 'delete me' });
    const [gone, kept] = await app.sandbox!.twilio.seedMedia(messageSid, 2);
    await call(app, 'twilio.deleteMedia', { accountId, messageSid, mediaSid: gone! });
    expect((await allMediaOf(app, accountId, messageSid)).map((m) => m.sid)).toEqual([kept]);
    expect((await call(app, 'twilio.getMessage', { accountId, messageSid })).numMedia).toBe(1);
    const again = await failure(app, 'twilio.getMedia', { accountId, messageSid, mediaSid: gone! });
    expect(again).toMatchObject({ code: 'not_found', details: { status: 404, remoteCode: 20404 } });
  });
});

describe('errors', () => {
  it("brings Twilio's own error to the caller: code, message and the more_info link", async () => {
    const sandboxAccount = await twilioAccount(app);
    if (sandboxAccount.kind !== 'twilio') throw new Error('not a Twilio account');
    const wrong = await call(app, 'accounts.create', {
      config: { kind: 'twilio', label: 'Wrong token', baseUrl: sandboxAccount.baseUrl, accountSid: sandboxAccount.accountSid, authMode: 'authToken' },
      secret: '0'.repeat(32),
    });
    const error = await failure(app, 'twilio.listMessages', { accountId: wrong.id });
    expect(error.code).toBe('unauthorized');
    expect(error.details).toMatchObject({ status: 401, remoteCode: 20003, moreInfo: expect.stringMatching(/^https:\/\//) });
    expect(error.message).toMatch(/^Twilio error 20003: /);
    expect(JSON.stringify(error)).not.toContain('0'.repeat(32));
  });

  it('refuses a page link that is not a media page, and an account of another kind', async () => {
    expect(await failure(app, 'twilio.nextMedia', { accountId, nextPageUri: '/2010-04-01/Accounts/AC00/Messages.json?PageToken=x' })).toMatchObject({ code: 'validation' });
    const library = (await call(app, 'accounts.list', {})).find((a) => a.kind === 'library');
    expect(await failure(app, 'twilio.listMessages', { accountId: library!.id })).toMatchObject({ code: 'validation', message: 'That account is not a twilio account.' });
  });
});
