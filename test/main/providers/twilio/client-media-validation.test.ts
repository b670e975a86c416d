// Every media entry of a listing is checked on arrival, by a hand-written reader for speed: a hostile or broken
// server's entry must be refused exactly as the schema refuses it, wherever in the page it stands, and even when the
// entries before it were good (the reader remembers the last good account, message and date).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/common/errors.js';
import { ACCOUNT_SID, makeMessages, mediaJson, sid } from './support/fake-data.js';
import { startFakeTwilio, type FakeTwilio } from './support/fake-twilio.js';
import { authTokenClient } from './support/clients.js';

let fake: FakeTwilio;
beforeEach(async () => {
  fake = await startFakeTwilio(makeMessages(1, '2024-03-01', 3));
});
afterEach(async () => {
  await fake.close();
});

const MESSAGE = sid('MM', 1);
const LIST = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${MESSAGE}/Media.json`;

/** The three media of the fake's message as Twilio lists them. */
function goodEntries(): Array<Record<string, unknown>> {
  const message = fake.messages[0]!;
  return message.media.map((m) => mediaJson(ACCOUNT_SID, message, m));
}

/** Queues one page holding `entries` (and a next-page link when given). */
function queuePage(entries: unknown[], next: string | null = null): void {
  fake.queue({ match: /Media\.json/, status: 200, body: JSON.stringify({ page: 0, page_size: 50, next_page_uri: next, media_list: entries }) });
}

async function listAll(): Promise<string[]> {
  const sids: string[] = [];
  for await (const media of authTokenClient(fake.baseUrl).iterateMedia(MESSAGE)) sids.push(media.sid ?? '');
  return sids;
}

async function refusal(): Promise<AppError> {
  const err = await listAll().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('protocol');
  return err as AppError;
}

describe('media entries as listed', () => {
  it('reads good entries, with their dates also in ISO 8601, and absent fields as null', async () => {
    const entries = goodEntries();
    entries.push({ sid: sid('ME', 99) });
    queuePage(entries);
    const page = await authTokenClient(fake.baseUrl).listMedia(MESSAGE);
    expect(page.items[0]).toEqual({ ...entries[0], date_created_iso: '2024-03-01T12:00:00Z', date_updated_iso: '2024-03-01T12:00:00Z' });
    expect(page.items[3]).toEqual({
      sid: sid('ME', 99),
      account_sid: null,
      parent_sid: null,
      content_type: null,
      uri: null,
      date_created: null,
      date_updated: null,
      date_created_iso: null,
      date_updated_iso: null,
    });
  });

  const hostile: Array<[string, (entry: Record<string, unknown>) => void, RegExp]> = [
    ['a media SID one character short of the pattern', (e) => (e.sid = `ME${'a'.repeat(31)}g`), /media_list\.1\.sid is not a valid media SID/],
    ['a media SID with a path in it', (e) => (e.sid = `ME${'a'.repeat(30)}/.`), /media_list\.1\.sid is not a valid media SID/],
    ['a message SID where the media SID goes', (e) => (e.sid = MESSAGE), /media_list\.1\.sid is not a valid media SID/],
    ['a media SID given as a number', (e) => (e.sid = 12345), /media_list\.1\.sid/],
    ['an account SID differing from the good one before it in its last character', (e) => (e.account_sid = `${ACCOUNT_SID.slice(0, -1)}z`), /media_list\.1\.account_sid is not a valid account SID/],
    ['a parent that is not a message SID', (e) => (e.parent_sid = sid('XX', 1)), /media_list\.1\.parent_sid is not a valid message SID/],
    ['a parent SID with a line break at its end', (e) => (e.parent_sid = `${MESSAGE}\n`), /media_list\.1\.parent_sid is not a valid message SID/],
    ['a content type that is an object', (e) => (e.content_type = { type: 'image/jpeg' }), /media_list\.1\.content_type/],
    ['a content type of 256 characters', (e) => (e.content_type = `image/${'x'.repeat(250)}`), /media_list\.1\.content_type/],
    ['a uri of 4097 characters', (e) => (e.uri = `/${'u'.repeat(4096)}`), /media_list\.1\.uri/],
    ['a date on a day that does not exist', (e) => (e.date_created = 'Fri, 30 Feb 2024 12:00:00 +0000'), /media_list\.1\.date_created is not an RFC 2822 date/],
    ['a date at hour 24', (e) => (e.date_updated = 'Fri, 01 Mar 2024 24:00:00 +0000'), /media_list\.1\.date_updated is not an RFC 2822 date/],
    ['a date given as a number', (e) => (e.date_created = 1709294400), /media_list\.1\.date_created/],
  ];
  for (const [what, spoil, message] of hostile) {
    it(`refuses ${what}, naming the entry and field`, async () => {
      const entries = goodEntries();
      spoil(entries[1]!);
      queuePage(entries);
      expect((await refusal()).message).toMatch(message);
    });
  }

  it('accepts the longest content type and uri allowed', async () => {
    const entries = goodEntries();
    entries[1]!.content_type = `image/${'x'.repeat(249)}`;
    entries[1]!.uri = `/${'u'.repeat(4095)}`;
    queuePage(entries);
    expect(await listAll()).toHaveLength(3);
  });

  it('refuses a page whose media_list is not a list, or holds something that is not an entry', async () => {
    queuePage([]);
    fake.queue({ match: /Media\.json/, status: 200, body: JSON.stringify({ next_page_uri: null, media_list: { 0: goodEntries()[0] } }) });
    expect(await listAll()).toEqual([]);
    expect((await refusal()).message).toMatch(/media_list/);
    queuePage([goodEntries()[0], 'ME00000000000000000000000000000001']);
    expect((await refusal()).message).toMatch(/media_list\.1/);
  });

  it('refuses a next-page link to another host after handing out the entries before it, and never asks that host', async () => {
    queuePage(goodEntries(), `http://evil.example${LIST}?Page=1&PageToken=PAx`);
    const sids: string[] = [];
    const iterate = async (): Promise<void> => {
      for await (const media of authTokenClient(fake.baseUrl).iterateMedia(MESSAGE)) sids.push(media.sid ?? '');
    };
    await expect(iterate()).rejects.toMatchObject({ code: 'protocol' });
    expect(sids).toHaveLength(3);
    expect(fake.log).toHaveLength(1);
  });
});
