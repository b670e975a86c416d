// A page whose answer shows its next-page link before its entries (as the sandbox writes it): the next page is
// asked for while this one is still arriving. A server written here sends a page's start, then holds the rest.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_SID, mediaJson, sid, type FakeMessage } from './support/fake-data.js';
import { authTokenClient } from './support/clients.js';

const MESSAGE = sid('MM', 1);
const LIST = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${MESSAGE}/Media.json`;
const link = (token: string): string => `${LIST}?PageSize=2&Page=1&PageToken=${token}`;
const message: FakeMessage = { sid: MESSAGE, from: '+15550000001', to: '+15559999999', dateCreated: new Date('2024-03-01T12:00:00Z'), dateSent: null, media: [] };
const entry = (n: number): string =>
  JSON.stringify(mediaJson(ACCOUNT_SID, message, { sid: sid('ME', n), contentType: 'image/jpeg', dateCreated: message.dateCreated, bytes: Buffer.alloc(0) }));

interface Seen {
  token: string | null;
  /** When the request arrived, in the order of all events. */
  at: number;
  /** The client gave up on it before it was answered. */
  cancelled: boolean;
}

/** How each page answers: its first part at once, the rest once `release` resolves. */
type PagePlan = (seen: Seen[]) => { head: string; release: Promise<void>; tail: string };

let server: http.Server;
let baseUrl: string;
let seen: Seen[];
let events: string[];
let plans: Map<string | null, PagePlan>;

beforeEach(async () => {
  seen = [];
  events = [];
  plans = new Map();
  server = http.createServer((req, res) => {
    const token = new URL(req.url ?? '/', 'http://x').searchParams.get('PageToken');
    const record: Seen = { token, at: events.push(`asked ${token ?? 'first'}`), cancelled: false };
    seen.push(record);
    res.on('close', () => {
      if (res.writableFinished) return;
      record.cancelled = true;
      events.push(`cancelled ${token ?? 'first'}`);
    });
    const plan = plans.get(token);
    if (!plan) return; // never answered: only a request the client cancels comes here
    const { head, release, tail } = plan(seen);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write(head);
    void release.then(() => {
      events.push(`ended ${token ?? 'first'}`);
      res.end(tail);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Resolves once `happened` is true, or after a while (so that a client that does not do it ends too). */
function when(happened: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    const poll = (): void => {
      if (happened() || Date.now() - started > 1500) resolve();
      else setTimeout(poll, 5);
    };
    poll();
  });
}
const whenAsked = (token: string): Promise<void> => when(() => seen.some((s) => s.token === token));
const whenCancelled = (token: string): Promise<void> => when(() => seen.some((s) => s.token === token && s.cancelled));

const now = Promise.resolve();

async function listAll(): Promise<string[]> {
  const sids: string[] = [];
  for await (const media of authTokenClient(baseUrl).iterateMedia(MESSAGE, { pageSize: 2 })) sids.push(media.sid ?? '');
  return sids;
}

describe('the next page, asked for while this one arrives', () => {
  it('leaves as soon as the start of the answer shows its link, and the entries come out in order', async () => {
    // A start of some 60 kB, as a socket hands over a large answer: the link is read from its first fields.
    const many = Array.from({ length: 200 }, (_, n) => n + 1);
    plans.set(null, () => ({ head: `{"page":0,"next_page_uri":"${link('PA2')}","media_list":[${many.map(entry).join(',')},`, release: whenAsked('PA2'), tail: `${entry(201)}]}` }));
    plans.set('PA2', () => ({ head: `{"page":1,"next_page_uri":null,"media_list":[${entry(202)}`, release: now, tail: ']}' }));
    expect(await listAll()).toEqual([...many, 201, 202].map((n) => sid('ME', n)));
    expect(events.indexOf('asked PA2')).toBeLessThan(events.indexOf('ended first'));
  });

  it('cancels a request made on a guess the complete page contradicts, and follows the page instead', async () => {
    // Two next_page_uri keys: JSON takes the last one, which the early read cannot know.
    plans.set(null, () => ({ head: `{"page":0,"next_page_uri":"${link('PAguess')}","media_list":[${entry(1)}`, release: whenAsked('PAguess'), tail: `],"next_page_uri":"${link('PA2')}"}` }));
    plans.set('PA2', () => ({ head: `{"page":1,"next_page_uri":null,"media_list":[${entry(3)}`, release: whenCancelled('PAguess'), tail: ']}' }));
    expect(await listAll()).toEqual([sid('ME', 1), sid('ME', 3)]);
    // Cancelled as soon as the page contradicted it, not only when the iteration ended.
    expect(events.indexOf('cancelled PAguess')).toBeGreaterThan(-1);
    expect(events.indexOf('cancelled PAguess')).toBeLessThan(events.indexOf('ended PA2'));
  });

  it('never asks for an early link that leads elsewhere: the page then fails after its entries as before', async () => {
    const other = http.createServer((_req, res) => res.end('{}'));
    let otherRequests = 0;
    other.on('request', () => (otherRequests += 1));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const elsewhere = `http://127.0.0.1:${(other.address() as AddressInfo).port}${link('PA2')}`;
      for (const next of [elsewhere, `/2010-04-01/Accounts/${sid('AC', 9)}/Messages/${MESSAGE}/Media.json?Page=1&PageToken=PA2`]) {
        seen.length = 0;
        plans.set(null, () => ({ head: `{"page":0,"next_page_uri":"${next}","media_list":[${entry(1)}`, release: new Promise((r) => setTimeout(r, 100)), tail: ']}' }));
        const sids: string[] = [];
        const iterate = async (): Promise<void> => {
          for await (const media of authTokenClient(baseUrl).iterateMedia(MESSAGE, { pageSize: 2 })) sids.push(media.sid ?? '');
        };
        await expect(iterate()).rejects.toMatchObject({ code: 'protocol' });
        expect(sids).toEqual([sid('ME', 1)]);
        expect(seen).toHaveLength(1);
      }
      expect(otherRequests).toBe(0);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('runs at most two pages ahead of the caller, and a caller stopping early cancels them', async () => {
    const never = new Promise<void>(() => undefined);
    plans.set(null, () => ({ head: `{"page":0,"next_page_uri":"${link('PA2')}","media_list":[${entry(1)}`, release: now, tail: ']}' }));
    plans.set('PA2', () => ({ head: `{"page":1,"next_page_uri":"${link('PA3')}","media_list":[${entry(2)}`, release: never, tail: ']}' }));
    plans.set('PA3', () => ({ head: `{"page":2,"next_page_uri":"${link('PA4')}","media_list":[${entry(3)}`, release: never, tail: ']}' }));
    const media = authTokenClient(baseUrl).iterateMedia(MESSAGE, { pageSize: 2 });
    await media.next();
    await expect.poll(() => seen.map((s) => s.token), { timeout: 2000 }).toEqual([null, 'PA2', 'PA3']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen.map((s) => s.token)).toEqual([null, 'PA2', 'PA3']);
    await media.return(undefined);
    await expect.poll(() => seen.filter((s) => s.cancelled).map((s) => s.token), { timeout: 2000 }).toEqual(['PA2', 'PA3']);
  });
});
