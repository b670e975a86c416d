// The sandbox's Twilio-compatible API over raw HTTP: errors in Twilio's shape, paging with PageToken, the date
// filters, the .xml representation, and media bytes through a 307 to the signed CDN origin.
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FILES } from '../../../../main/sandbox/index.js';
import { basicAuth, demoAsset, httpRequest, startTestSandbox, type HttpResult, type TestSandbox } from '../helpers.js';

interface MediaJson {
  sid: string;
  uri: string;
  content_type: string;
  date_created: string;
  parent_sid: string;
}

interface PageJson {
  next_page_uri: string | null;
  previous_page_uri: string | null;
  page: number;
  start: number;
  end: number;
  messages?: Array<{ sid: string; to: string; date_sent: string }>;
  media_list?: MediaJson[];
}

describe('the Twilio-compatible API', () => {
  let t: TestSandbox;
  let auth: string;
  let api: string;
  const get = (path: string, headers: Record<string, string> = {}): Promise<HttpResult> =>
    httpRequest(`${t.sandbox.baseUrl}${path}`, { headers: { Authorization: auth, ...headers } });
  const page = async (path: string): Promise<PageJson> => {
    const res = await get(path);
    expect(res.status, res.text()).toBe(200);
    return res.json() as PageJson;
  };

  beforeAll(async () => {
    t = await startTestSandbox();
    const { accountSid, authToken } = t.sandbox.accounts.twilio;
    auth = basicAuth(accountSid, authToken);
    api = `/2010-04-01/Accounts/${accountSid}`;
  });
  afterAll(() => t.stop());

  describe('errors', () => {
    it('401 with code 20003 and a Basic challenge, without or with wrong credentials, before anything else', async () => {
      const attempts: Array<Record<string, string>> = [{}, { Authorization: basicAuth(t.sandbox.accounts.twilio.accountSid, 'wrong') }];
      for (const headers of attempts) {
        const res = await httpRequest(`${t.sandbox.baseUrl}${api}/Messages/MM${'0'.repeat(32)}.json`, { headers });
        expect(res.status).toBe(401);
        expect(res.headers['www-authenticate']).toMatch(/^Basic /);
        expect(res.json()).toEqual({ code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
      }
    });

    it('404 with code 20404 for unknown or malformed sids, another account, and unknown resources', async () => {
      const messageSid = t.sandbox.twilio.messageSids()[0]!;
      const paths = [
        `${api}/Messages/MM${'0'.repeat(32)}.json`,
        `${api}/Messages/${messageSid}/Media/ME${'0'.repeat(32)}.json`,
        `${api}/Messages/not-a-sid.json`,
        `/2010-04-01/Accounts/AC${'1'.repeat(32)}/Messages.json`,
        `${api}/Calls.json`,
      ];
      for (const path of paths) {
        const res = await get(path);
        expect(res.status, path).toBe(404);
        const body = res.json() as { code: number; message: string; status: number; more_info: string };
        expect(body).toMatchObject({ code: 20404, status: 404, more_info: 'https://www.twilio.com/docs/errors/20404' });
        expect(body.message).toContain(path);
      }
    });

    it('405 with code 20004 and an Allow header for methods the sandbox does not serve', async () => {
      const res = await httpRequest(`${t.sandbox.baseUrl}${api}/Messages.json`, { method: 'POST', headers: { Authorization: auth } });
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
      expect(res.json()).toMatchObject({ code: 20004, status: 405 });
    });

    it('400 with code 20001 for Page without PageToken, a bad PageSize, a bad token or a bad date', async () => {
      for (const query of ['Page=2&PageSize=10', 'PageSize=0', 'PageSize=1001', 'PageSize=abc', `PageToken=PA${'z'.repeat(34)}`, 'DateSent=2024-13-45', 'DateSent%3E=yesterday']) {
        const res = await get(`${api}/Messages.json?${query}`);
        expect(res.status, query).toBe(400);
        expect(res.json(), query).toMatchObject({ code: 20001, status: 400 });
      }
      expect(((await get(`${api}/Messages.json?Page=3&PageSize=10`)).json() as { message: string }).message).toBe('PageToken is required for paging');
    });
  });

  describe('paging', () => {
    it('walks every message once, newest first, through next_page_uri, and back through previous_page_uri', async () => {
      const seen: string[] = [];
      const pages: PageJson[] = [];
      let uri: string | null = `${api}/Messages.json?PageSize=50`;
      while (uri !== null) {
        const p = await page(uri);
        pages.push(p);
        seen.push(...p.messages!.map((m) => m.sid));
        uri = p.next_page_uri;
      }
      expect(seen).toEqual(t.sandbox.twilio.messageSids());
      expect(pages.length).toBe(Math.ceil(seen.length / 50));
      expect(pages.map((p) => p.page)).toEqual(pages.map((_, i) => i));
      expect(pages[1]!.start).toBe(50);
      expect(pages[1]!.end).toBe(99);
      const dates = pages.flatMap((p) => p.messages!.map((m) => Date.parse(m.date_sent)));
      expect([...dates].sort((a, b) => b - a)).toEqual(dates);
      const back = await page(pages[1]!.previous_page_uri!);
      expect(back.messages!.map((m) => m.sid)).toEqual(pages[0]!.messages!.map((m) => m.sid));
      expect(pages[0]!.previous_page_uri).toBeNull();
    });

    it('continues after the last item of a page even when that item was deleted meanwhile', async () => {
      const messageSid = await t.sandbox.twilio.createMessage();
      const sids = await t.sandbox.twilio.seedMedia(messageSid, 6);
      const first = await page(`${api}/Messages/${messageSid}/Media.json?PageSize=2`);
      expect(first.media_list!.map((m) => m.sid)).toEqual(sids.slice(0, 2));
      const deleted = await httpRequest(`${t.sandbox.baseUrl}${first.media_list![1]!.uri}`, { method: 'DELETE', headers: { Authorization: auth } });
      expect(deleted.status).toBe(204);
      const second = await page(first.next_page_uri!);
      expect(second.media_list!.map((m) => m.sid)).toEqual(sids.slice(2, 4));
    });
  });

  describe('filters', () => {
    it('To, From and DateSent (a GMT day) select exactly the matching messages', async () => {
      const all = (await page(`${api}/Messages.json?PageSize=1000`)).messages!;
      const sample = all[7]!;
      const day = new Date(Date.parse(sample.date_sent)).toISOString().slice(0, 10);
      const expected = all.filter((m) => new Date(Date.parse(m.date_sent)).toISOString().slice(0, 10) === day).map((m) => m.sid);
      const byDay = await page(`${api}/Messages.json?DateSent=${day}&PageSize=1000`);
      expect(byDay.messages!.map((m) => m.sid)).toEqual(expected);
      const onOrBefore = await page(`${api}/Messages.json?DateSent%3C=${day}&PageSize=1000`);
      expect(onOrBefore.messages!.every((m) => new Date(Date.parse(m.date_sent)).toISOString().slice(0, 10) <= day)).toBe(true);
      expect(onOrBefore.messages!.length).toBe(all.filter((m) => new Date(Date.parse(m.date_sent)).toISOString().slice(0, 10) <= day).length);
      const to = await page(`${api}/Messages.json?To=${encodeURIComponent(sample.to)}&PageSize=1000`);
      expect(to.messages!.map((m) => m.sid)).toEqual(all.filter((m) => m.to === sample.to).map((m) => m.sid));
      expect(to.next_page_uri).toBeNull();
    });

    it('keeps filters in next_page_uri', async () => {
      const sample = (await page(`${api}/Messages.json?PageSize=1`)).messages![0]!;
      const first = await page(`${api}/Messages.json?To=${encodeURIComponent(sample.to)}&PageSize=2`);
      expect(first.next_page_uri).toContain(`To=${encodeURIComponent(sample.to)}`);
      const second = await page(first.next_page_uri!);
      expect(second.messages!.every((m) => m.to === sample.to)).toBe(true);
    });

    it('DateCreated< and DateCreated> with date-times bound media at that instant, inclusively', async () => {
      const messageSid = await t.sandbox.twilio.createMessage();
      await t.sandbox.twilio.seedMedia(messageSid, 5);
      const all = (await page(`${api}/Messages/${messageSid}/Media.json`)).media_list!;
      const pivot = new Date(Date.parse(all[2]!.date_created)).toISOString();
      const after = await page(`${api}/Messages/${messageSid}/Media.json?DateCreated%3E=${encodeURIComponent(pivot)}`);
      expect(after.media_list!.map((m) => m.sid)).toEqual(all.slice(2).map((m) => m.sid));
      const before = await page(`${api}/Messages/${messageSid}/Media.json?DateCreated%3C=${encodeURIComponent(pivot)}`);
      expect(before.media_list!.map((m) => m.sid)).toEqual(all.slice(0, 3).map((m) => m.sid));
    });
  });

  describe('media representations', () => {
    let media: MediaJson;
    beforeAll(async () => {
      const messageSid = t.sandbox.twilio.messageSids().find((sid) => sid.startsWith('MM'))!;
      media = (await page(`${api}/Messages/${messageSid}/Media.json`)).media_list![0]!;
    });

    it('.xml carries the same fields as .json inside <TwilioResponse><Media>', async () => {
      const res = await get(media.uri.replace(/\.json$/, '.xml'));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/xml/);
      const xml = new XMLParser().parse(res.text()) as { TwilioResponse: { Media: Record<string, string> } };
      const fields = xml.TwilioResponse.Media;
      expect(fields.Sid).toBe(media.sid);
      expect(fields.ParentSid).toBe(media.parent_sid);
      expect(fields.ContentType).toBe(media.content_type);
      expect(fields.DateCreated).toBe(media.date_created);
      expect(fields.Uri).toBe(media.uri.replace(/\.json$/, '.xml'));
    });

    it('.xml errors come as an XML RestException', async () => {
      const res = await get(`${api}/Messages/${media.parent_sid}/Media/ME${'0'.repeat(32)}.xml`);
      expect(res.status).toBe(404);
      const xml = new XMLParser().parse(res.text()) as { TwilioResponse: { RestException: { Code: number; Status: number } } };
      expect(xml.TwilioResponse.RestException).toMatchObject({ Code: 20404, Status: 404 });
    });

    it('the suffix-less URL answers 307 to the CDN, which serves the bytes without credentials', async () => {
      const res = await get(media.uri.replace(/\.json$/, ''));
      expect(res.status).toBe(307);
      expect(res.headers['content-type']).toMatch(/xml/);
      const location = res.headers.location!;
      expect(location.startsWith(`${t.sandbox.cdnUrl}/`)).toBe(true);
      expect(res.text()).toContain('<TwilioResponse>');

      const before = t.sandbox.cdnLog.length;
      const bytes = await httpRequest(location);
      expect(bytes.status).toBe(200);
      expect(bytes.headers['content-type']).toBe(media.content_type);
      expect(bytes.headers['content-disposition']).toContain(media.sid);
      const candidates = media.content_type === 'video/mp4' ? [DEMO_FILES.video] : [...DEMO_FILES.images];
      const originals = await Promise.all(candidates.map((name) => demoAsset(name)));
      expect(originals.some((original) => original.equals(bytes.body))).toBe(true);
      expect(t.sandbox.cdnLog.slice(before)).toEqual([{ method: 'GET', path: new URL(location).pathname, authorization: false, status: 200 }]);

      const ranged = await httpRequest(location, { headers: { Range: 'bytes=0-9' } });
      expect(ranged.status).toBe(206);
      expect(ranged.body).toEqual(bytes.body.subarray(0, 10));

      // A client that leaks its credentials to the CDN is served, but the CDN log shows it.
      await httpRequest(location, { headers: { Authorization: auth } });
      expect(t.sandbox.cdnLog.at(-1)?.authorization).toBe(true);
    });

    it('the CDN refuses expired, altered and unsigned URLs', async () => {
      const expired = t.sandbox.twilio.signedMediaUrl(media.sid, new Date(Date.now() - 60_000));
      const valid = t.sandbox.twilio.signedMediaUrl(media.sid, new Date(Date.now() + 60_000));
      expect((await httpRequest(valid)).status).toBe(200);
      const res = await httpRequest(expired);
      expect(res.status).toBe(403);
      expect(res.text()).toContain('expired');

      const signature = new URL(valid).searchParams.get('Signature')!;
      const flipped = signature.slice(0, -1) + (signature.endsWith('0') ? '1' : '0');
      const otherSid = `ME${'a'.repeat(32)}`;
      const laterExpiry = String(Number(new URL(valid).searchParams.get('Expires')) + 3600);
      const tampered = [
        valid.replace(signature, flipped),
        valid.replace(media.sid, otherSid),
        valid.replace(/Expires=\d+/, `Expires=${laterExpiry}`),
        valid.split('?')[0]!,
      ];
      for (const url of tampered) expect((await httpRequest(url)).status, url).toBe(403);
    });
  });
});
