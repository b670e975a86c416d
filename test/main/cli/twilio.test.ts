// The Twilio commands, as a child process against the sandbox's Twilio endpoints: messages with filters, media
// list, get (bytes and XML), rm, and their failures.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, expectOneErrorLine, makeRunner, REPO } from './support/cli-process.js';
import { startCliFixture, type CliFixture } from './support/fixture.js';

let fixture: CliFixture;
let cli: Awaited<ReturnType<typeof buildCli>>;
let run: ReturnType<typeof makeRunner>;
/** A message of the test's own, to a number no demo message uses, with three media. */
let message: string;
let media: string[];
const TO = '+15557770000';

beforeAll(async () => {
  [fixture, cli] = await Promise.all([startCliFixture(), buildCli()]);
  run = makeRunner(cli.bundle, () => fixture.secrets);
  message = await fixture.sandbox.twilio.createMessage({ to: TO, body: 'for the CLI tests' });
  media = await fixture.sandbox.twilio.seedMedia(message, 3);
});
afterAll(async () => {
  await fixture?.close();
  await cli?.remove();
});

const twilio = (...args: string[]) => run(['twilio', ...args, '--data-dir', fixture.dataDir]);

describe('twilio messages', () => {
  it('lists messages newest first, filtered, as a table and as JSON', async () => {
    const text = await twilio('messages', '--to', TO);
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^MESSAGE SID\s+SENT\s+FROM\s+TO\s+MEDIA\s+STATUS$/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(new RegExp(`^${message}\\s+\\d{4}-\\d\\d-\\d\\dT\\S+Z\\s+\\+15005550006\\s+\\${TO}\\s+3\\s+delivered$`));

    const json = await twilio('messages', '--to', TO, '--json');
    expect(json.json()).toMatchObject({ messages: [{ sid: message, to: TO, num_media: '3', body: 'for the CLI tests' }], more: false });
  });

  it('--limit caps the list and says on stderr that more match; --with-media keeps only messages with media', async () => {
    const limited = await twilio('messages', '--limit', '2', '--json');
    expect(limited.code).toBe(0);
    expect((limited.json() as { messages: unknown[]; more: boolean }).messages).toHaveLength(2);
    expect((limited.json() as { more: boolean }).more).toBe(true);
    expect(limited.stderr).toBe('media-desk: More messages match: showing the first 2; raise --limit (0 for all).\n');

    const withMedia = await twilio('messages', '--with-media', '--limit', '0', '--json');
    const all = await twilio('messages', '--limit', '0', '--json');
    const counts = (run: { json(): unknown }) => (run.json() as { messages: Array<{ num_media: string }> }).messages.map((m) => m.num_media);
    expect(counts(all)).toContain('0');
    expect(counts(withMedia).length).toBeGreaterThan(0);
    expect(counts(withMedia)).not.toContain('0');
  });

  it('dates: --after a day later than every message finds none; a malformed date is a usage error (2)', async () => {
    const none = await twilio('messages', '--after', '2999-01-01', '--json');
    expect(none.code).toBe(0);
    expect(none.json()).toEqual({ messages: [], more: false });
    const bad = await twilio('messages', '--after', '2024-13-01');
    expect(bad.code).toBe(2);
    expectOneErrorLine(bad, /--after must be a GMT day written YYYY-MM-DD or an ISO 8601 date-time/);
  });
});

describe('twilio media', () => {
  it('list shows the media of the message', async () => {
    const result = await twilio('media', 'list', message, '--json');
    expect(result.code).toBe(0);
    const doc = result.json() as { messageSid: string; media: Array<{ sid: string; content_type: string; parent_sid: string }> };
    expect(doc.messageSid).toBe(message);
    expect(doc.media.map((m) => m.sid).sort()).toEqual([...media].sort());
    expect(doc.media.every((m) => m.parent_sid === message && m.content_type === 'image/jpeg')).toBe(true);
  });

  it('get saves the bytes in --out, never over an existing file, and prints the path', async () => {
    const out = path.join(fixture.work, 'twilio-out');
    await fs.mkdir(out);
    const first = await twilio('media', 'get', message, media[0]!, '--out', out);
    expect(first.code).toBe(0);
    const saved = first.stdout.trimEnd();
    expect(path.dirname(saved)).toBe(out);
    // Seeded media number 0 is the sandbox's first demo image.
    expect((await fs.readFile(saved)).equals(await fs.readFile(path.join(REPO, 'assets/demo/sunset-gradient.jpg')))).toBe(true);

    const second = await twilio('media', 'get', message, media[0]!, '--out', out, '--json');
    expect(second.code).toBe(0);
    const doc = second.json() as { path: string; bytes: number; contentType: string; fileName: string };
    expect(doc.path).not.toBe(saved);
    expect(doc.fileName).toMatch(/ \(1\)\.jpg$/);
    expect(doc.bytes).toBe((await fs.stat(saved)).size);
    expect((await fs.readdir(out)).sort()).toEqual([path.basename(saved), doc.fileName].sort());
  });

  it('get --xml prints the XML resource, or saves it with --out', async () => {
    const printed = await twilio('media', 'get', message, media[1]!, '--xml');
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^<\?xml[\s\S]*<TwilioResponse><Media><Sid>ME/);
    expect(printed.stdout).toContain(`<Sid>${media[1]}</Sid>`);
    expect(printed.stdout).toContain(`<ParentSid>${message}</ParentSid>`);

    const saved = await twilio('media', 'get', message, media[1]!, '--xml', '--out', fixture.work);
    expect(saved).toMatchObject({ code: 0, stdout: `${path.join(fixture.work, `${media[1]}.xml`)}\n` });
    expect(await fs.readFile(path.join(fixture.work, `${media[1]}.xml`), 'utf8')).toBe(printed.stdout.trimEnd());
  });

  it('rm deletes; deleting again is refused by Twilio (3); each media of a batch is tried', async () => {
    const first = await twilio('media', 'rm', message, media[2]!);
    expect(first).toMatchObject({ code: 0, stdout: `Deleted ${media[2]}.\n` });
    const again = await twilio('media', 'rm', message, media[2]!, media[1]!, '--json');
    expect(again.code).toBe(3);
    expect(again.json()).toMatchObject({ messageSid: message, results: [{ mediaSid: media[2], ok: false, exitCode: 3, error: { code: 'not_found' } }, { mediaSid: media[1], ok: true }] });
    expect(again.stderr).toMatch(new RegExp(`^media-desk: ${media[2]}: Twilio error 20404`));
    const left = await twilio('media', 'list', message, '--json');
    expect((left.json() as { media: Array<{ sid: string }> }).media.map((m) => m.sid)).toEqual([media[0]]);
  });

  it('a 400 from Twilio is the server refusing (3), not a usage error', async () => {
    fixture.sandbox.faults.set({ path: /\/Messages\.json$/, times: 1 }, { kind: 'status', status: 400 });
    const refused = await twilio('messages', '--to', TO, '--json');
    fixture.sandbox.faults.clear();
    expect(refused.code).toBe(3);
    expect(refused.json()).toMatchObject({ error: { code: 'validation', exitCode: 3, details: { status: 400 } } });
    expect(refused.stderr).toMatch(/^media-desk: Twilio error 20400: Bad Request\n$/);
  });

  it('a media that does not exist is a remote error (3); malformed SIDs are usage errors (2) before any request', async () => {
    const missing = await twilio('media', 'get', message, `ME${'0'.repeat(32)}`, '--out', fixture.work);
    expect(missing.code).toBe(3);
    expectOneErrorLine(missing, /20404|not found/i);

    const before = fixture.sandbox.requests.length;
    for (const args of [['media', 'list', 'SM123'], ['media', 'get', message, 'bad'], ['media', 'rm', 'nope', media[0]!]]) {
      const result = await twilio(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expectOneErrorLine(result, /(MESSAGE|MEDIA)_SID is (SM or MM|ME) followed by 32 hexadecimal characters\./);
    }
    expect(fixture.sandbox.requests.length).toBe(before);
  });
});
