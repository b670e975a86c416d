// The generic media upload service, driven by curl (an independent multipart client) and raw HTTP: uploads
// whose media_url serves the same bytes (with Range), every refusal with its message, and nothing left on disk
// by a refused upload.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ASSETS_DIR, demoAsset, httpRequest, listFiles, makeTempDir, startTestSandbox, type TestSandbox } from '../helpers.js';

const run = promisify(execFile);
const DEMO_FILES_VIDEO = 'clip-h264.mp4';
const MAX_UPLOAD = 60_000; // above the demo MP4 and the small JPEGs, below fractal.jpg

interface CurlResult {
  status: number;
  body: string;
}

async function curl(args: string[]): Promise<CurlResult> {
  const { stdout } = await run('curl', ['-sS', '-o', '-', '-w', '\n%{http_code}', ...args]);
  const cut = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
}

function xmlField(body: string, field: string): string | undefined {
  const parsed = new XMLParser({ parseTagValue: false }).parse(body) as { response?: Record<string, string> };
  return parsed.response?.[field];
}

const asset = (name: string): string => path.join(DEMO_ASSETS_DIR, name);

describe('generic media upload', () => {
  let t: TestSandbox;
  let user: string;
  let pass: string;
  let uploadUrl: string;
  const creds = (): string[] => ['-F', `user=${user}`, '-F', `pass=${pass}`];

  beforeAll(async () => {
    t = await startTestSandbox({ limits: { genericMaxUploadBytes: MAX_UPLOAD } });
    ({ username: user, password: pass } = t.sandbox.accounts.generic);
    uploadUrl = t.sandbox.accounts.generic.settings.genericMediaUploadUrl;
  });
  afterAll(() => t.stop());

  it('a curl -F upload answers XML with a media_url that serves the same bytes, with Range', async () => {
    const original = await demoAsset('sunset-gradient.jpg');
    const res = await curl([...creds(), '-F', 'to=+14155550101', '-F', 'description=Sunset ☀', '-F', `media=@${asset('sunset-gradient.jpg')};type=image/jpeg`, uploadUrl]);
    expect(res.status).toBe(200);
    const mediaUrl = xmlField(res.body, 'media_url')!;
    expect(mediaUrl.startsWith(`${t.sandbox.baseUrl}/generic/media/`)).toBe(true);

    const whole = await httpRequest(mediaUrl);
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('image/jpeg');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.body.equals(original)).toBe(true);

    const middle = await httpRequest(mediaUrl, { headers: { Range: 'bytes=100-199' } });
    expect(middle.status).toBe(206);
    expect(middle.headers['content-range']).toBe(`bytes 100-199/${original.length}`);
    expect(middle.body.equals(original.subarray(100, 200))).toBe(true);
    const tail = await httpRequest(mediaUrl, { headers: { Range: 'bytes=-50' } });
    expect(tail.body.equals(original.subarray(original.length - 50))).toBe(true);
    const beyond = await httpRequest(mediaUrl, { headers: { Range: `bytes=${original.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${original.length}`);
    const head = await httpRequest(mediaUrl, { method: 'HEAD' });
    expect(head.headers['content-length']).toBe(String(original.length));
    expect(head.body.length).toBe(0);
  });

  it('PUT works too, answers JSON when asked, and takes credentials from the query', async () => {
    const original = await demoAsset(DEMO_FILES_VIDEO);
    const url = `${uploadUrl}?user=${encodeURIComponent(user)}&pass=${encodeURIComponent(pass)}`;
    const res = await curl(['-X', 'PUT', '-H', 'Accept: application/json', '-F', `media=@${asset(DEMO_FILES_VIDEO)};type=video/mp4`, url]);
    expect(res.status).toBe(200);
    const { media_url: mediaUrl } = JSON.parse(res.body) as { media_url: string };
    const served = await httpRequest(mediaUrl);
    expect(served.headers['content-type']).toBe('video/mp4');
    expect(served.body.equals(original)).toBe(true);
  });

  describe('refusals, each with a message and nothing left behind', () => {
    const cases: Array<{ name: string; status: number; message: RegExp; args: () => string[] }> = [
      { name: 'wrong password', status: 401, message: /invalid username or password/i, args: () => ['-F', `user=${user}`, '-F', 'pass=nope', '-F', `media=@${asset('ocean-gradient.jpg')}`] },
      { name: 'no credentials', status: 401, message: /missing username or password/i, args: () => ['-F', `media=@${asset('ocean-gradient.jpg')}`] },
      { name: 'an MP3 (neither JPEG nor MP4 by its bytes)', status: 415, message: /only jpeg images and mp4 videos/i, args: () => [...creds(), '-F', `media=@${asset('voicemail.mp3')};type=image/jpeg`] },
      { name: 'a JPEG sent as video/mp4', status: 415, message: /sent as video\/mp4 but its bytes are image\/jpeg/, args: () => [...creds(), '-F', `media=@${asset('ocean-gradient.jpg')};type=video/mp4`] },
      { name: 'too large', status: 413, message: /too large/i, args: () => [...creds(), '-F', `media=@${asset('fractal.jpg')}`] },
      { name: 'the no-credit recipient', status: 402, message: /^Not enough credit$/, args: () => [...creds(), '-F', `to=${t.sandbox.accounts.generic.limits.noCreditRecipient}`, '-F', `media=@${asset('ocean-gradient.jpg')}`] },
      { name: 'no file part', status: 400, message: /no file part/i, args: () => [...creds(), '-F', 'description=nothing'] },
      { name: 'two file parts', status: 400, message: /exactly one file/i, args: () => [...creds(), '-F', `a=@${asset('ocean-gradient.jpg')}`, '-F', `b=@${asset('ocean-gradient.jpg')}`] },
      { name: 'an X-Media-Size that is not the size', status: 400, message: /X-Media-Size/, args: () => [...creds(), '-H', 'X-Media-Size: 12', '-F', `media=@${asset('ocean-gradient.jpg')}`] },
      { name: 'not multipart', status: 400, message: /multipart\/form-data/, args: () => [...creds().filter((a) => a !== '-F').flatMap((a) => ['--data-urlencode', a])] },
    ];

    for (const c of cases) {
      it(c.name, async () => {
        const before = await listFiles(t.dataDir);
        const res = await curl([...c.args(), uploadUrl]);
        expect(res.status).toBe(c.status);
        expect(xmlField(res.body, 'message')).toMatch(c.message);
        expect(xmlField(res.body, 'media_url')).toBeUndefined();
        expect(await listFiles(t.dataDir)).toEqual(before);
      });
    }

    it('a multipart body cut short: 400, and the partial file is removed', async () => {
      const before = await listFiles(t.dataDir);
      const media = await demoAsset('ocean-gradient.jpg');
      const boundary = 'cutShortBoundary';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="user"\r\n\r\n${user}\r\n`),
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="o.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
        media.subarray(0, 5000),
      ]);
      const res = await httpRequest(uploadUrl, { method: 'POST', headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` }, body });
      expect(res.status).toBe(400);
      expect(xmlField(res.text(), 'message')).toMatch(/Malformed multipart body/);
      expect(await listFiles(t.dataDir)).toEqual(before);
    });

    it('a GET is not an upload (405, with Allow)', async () => {
      const res = await httpRequest(uploadUrl);
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('POST, PUT');
      expect(xmlField(res.text(), 'message')).toMatch(/not allowed/);
    });
  });

  describe('precheck', () => {
    const precheck = (values: Record<string, string>, method = 'GET'): Promise<{ status: number; body: string }> => {
      const template = t.sandbox.accounts.generic.settings.genericMediaUploadPrecheckUrl;
      const url = template
        .replace('%account[username]%', encodeURIComponent(user))
        .replace('%account[password]%', encodeURIComponent(values.pass ?? pass))
        .replace('%sms_to%', encodeURIComponent(values.to ?? '+14155550101'))
        .replace('%media_size%', values.size ?? '1000')
        .replace('%content_type%', encodeURIComponent(values.type ?? 'image/jpeg'));
      return httpRequest(url, { method }).then((r) => ({ status: r.status, body: r.text() }));
    };

    it('answers 2xx for an upload that would be accepted, and says why not otherwise', async () => {
      expect((await precheck({})).status).toBe(200);
      expect((await precheck({}, 'HEAD')).status).toBe(200);
      const refusals: Array<[Record<string, string>, number, RegExp]> = [
        [{ pass: 'wrong' }, 401, /invalid username or password/i],
        [{ size: String(MAX_UPLOAD + 1) }, 413, /too large/i],
        [{ type: 'image/png' }, 415, /image\/png/],
        [{ to: t.sandbox.accounts.generic.limits.noCreditRecipient }, 402, /Not enough credit/],
        [{ size: 'lots' }, 400, /not a number/],
      ];
      for (const [values, status, message] of refusals) {
        const res = await precheck(values);
        expect(res.status, JSON.stringify(values)).toBe(status);
        expect(xmlField(res.body, 'message')).toMatch(message);
      }
    });

    it('reads the same parameters from a POSTed form', async () => {
      const url = t.sandbox.accounts.generic.settings.genericMediaUploadPrecheckUrl.split('?')[0]!;
      const form = new URLSearchParams({ user, pass, size: String(MAX_UPLOAD + 1), type: 'image/jpeg' }).toString();
      const res = await httpRequest(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form });
      expect(res.status).toBe(413);
    });
  });

  describe('media reference send', () => {
    it('records a message with the uploaded media in the Twilio space, whose bytes are the upload', async () => {
      const original = await demoAsset('test-pattern-portrait.jpg');
      const upload = await curl([...creds(), '-F', `media=@${asset('test-pattern-portrait.jpg')}`, uploadUrl]);
      const mediaUrl = xmlField(upload.body, 'media_url')!;
      const settings = t.sandbox.accounts.generic.settings;
      // A preview whose Base64 has "+" and "/", sent unencoded as a lax client would: the sandbox restores them.
      const preview = original.toString('base64');
      expect(preview).toMatch(/[+/]/);
      const form = `user=${encodeURIComponent(user)}&pass=${encodeURIComponent(pass)}&to=%2B14155550177&media_url=${encodeURIComponent(mediaUrl)}` +
        `&media_type=image%2Fjpeg&description=Portrait&preview=${preview}&preview_type=image%2Fjpeg&preview_width=240&preview_height=320`;
      const sent = await httpRequest(settings.genericMediaRefSendUrl, {
        method: settings.genericMediaRefSendMethod,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: form,
      });
      expect(sent.status, sent.text()).toBe(200);
      const { message_sid: messageSid } = sent.json() as { message_sid: string };

      const { accountSid, authToken } = t.sandbox.accounts.twilio;
      const auth = { Authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}` };
      const api = `${t.sandbox.baseUrl}/2010-04-01/Accounts/${accountSid}`;
      const message = (await httpRequest(`${api}/Messages/${messageSid}.json`, { headers: auth })).json() as { to: string; body: string; num_media: string };
      expect(message).toMatchObject({ to: '+14155550177', body: 'Portrait', num_media: '1' });
      const list = (await httpRequest(`${api}/Messages/${messageSid}/Media.json`, { headers: auth })).json() as { media_list: Array<{ uri: string; content_type: string }> };
      expect(list.media_list[0]!.content_type).toBe('image/jpeg');
      const redirect = await httpRequest(`${t.sandbox.baseUrl}${list.media_list[0]!.uri.replace(/\.json$/, '')}`, { headers: auth });
      const bytes = await httpRequest(redirect.headers.location!);
      expect(bytes.body.equals(original)).toBe(true);
    });

    it('refuses a form body over 1 MiB with 413', async () => {
      const form = new URLSearchParams({ user, pass, to: '+14155550177', preview: 'A'.repeat(1024 * 1024 + 1) }).toString();
      const res = await httpRequest(t.sandbox.accounts.generic.settings.genericMediaRefSendUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form });
      expect(res.status).toBe(413);
      expect(xmlField(res.text(), 'message')).toMatch(/too large/);
    });

    it('refuses a media_url that is not this sandbox media, and a preview that is not a JPEG', async () => {
      const url = t.sandbox.accounts.generic.settings.genericMediaRefSendUrl;
      const upload = await curl([...creds(), '-F', `media=@${asset('ocean-gradient.jpg')}`, uploadUrl]);
      const mediaUrl = xmlField(upload.body, 'media_url')!;
      const attempts: Array<[Record<string, string>, RegExp]> = [
        [{ media_url: 'https://example.com/x.jpg' }, /does not point to media uploaded/],
        [{ media_url: mediaUrl.replace(/[0-9a-f]{32}/, '0'.repeat(32)) }, /does not point to media uploaded/],
        [{ media_url: mediaUrl, preview: Buffer.from('not a jpeg').toString('base64') }, /preview is not a Base64 JPEG/],
        [{ media_url: mediaUrl, to: '' }, /recipient/],
      ];
      for (const [values, message] of attempts) {
        const form = new URLSearchParams({ user, pass, to: '+14155550177', ...values }).toString();
        const res = await httpRequest(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form });
        expect(res.status).toBe(400);
        expect(xmlField(res.text(), 'message')).toMatch(message);
      }
    });
  });
});

describe('generic upload credit', () => {
  it('runs out after the credit is spent, and stays spent after a restart', async () => {
    const sizes = await Promise.all(['sunset-gradient.jpg', 'ocean-gradient.jpg'].map(async (n) => (await fs.stat(asset(n))).size));
    const dataDir = await makeTempDir();
    const limits = { genericCreditBytes: sizes[0]! + sizes[1]! + 100 };
    let t = await startTestSandbox({ dataDir, limits });
    try {
      const upload = (name: string): Promise<CurlResult> => {
        const { username, password, settings } = t.sandbox.accounts.generic;
        return curl(['-F', `user=${username}`, '-F', `pass=${password}`, '-F', `media=@${asset(name)}`, settings.genericMediaUploadUrl]);
      };
      expect((await upload('sunset-gradient.jpg')).status).toBe(200);
      expect((await upload('ocean-gradient.jpg')).status).toBe(200);
      const refused = await upload('test-pattern-portrait.jpg');
      expect(refused.status).toBe(402);
      expect(xmlField(refused.body, 'message')).toBe('Not enough credit');
      await t.sandbox.close();
      t = await startTestSandbox({ dataDir, limits });
      expect(t.sandbox.accounts.generic.limits.creditBytes).toBe(100);
      expect((await upload('test-pattern-portrait.jpg')).status).toBe(402);
    } finally {
      await t.stop();
    }
  });
});
