// `twilio cleanup` as a child process against the sandbox: a dry run deletes nothing, --yes deletes exactly the
// media in range (only the chosen recipient's here), writes the report, and leaves everything else.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, makeRunner } from './support/cli-process.js';
import { startCliFixture, type CliFixture } from './support/fixture.js';

let fixture: CliFixture;
let cli: Awaited<ReturnType<typeof buildCli>>;
let run: ReturnType<typeof makeRunner>;
let message: string;
let media: string[];
const TO = '+15557770042';
const DAY_MS = 24 * 60 * 60 * 1000;
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

beforeAll(async () => {
  [fixture, cli] = await Promise.all([startCliFixture(), buildCli()]);
  run = makeRunner(cli.bundle, () => fixture.secrets);
  message = await fixture.sandbox.twilio.createMessage({ to: TO, body: 'to be cleaned up' });
  media = await fixture.sandbox.twilio.seedMedia(message, 3);
});
afterAll(async () => {
  await fixture?.close();
  await cli?.remove();
});

const twilio = (...args: string[]) => run(['twilio', ...args, '--data-dir', fixture.dataDir]);
const mediaOf = async (sid: string) => ((await twilio('media', 'list', sid, '--json')).json() as { media: Array<{ sid: string }> }).media.map((m) => m.sid);

describe('twilio cleanup', () => {
  it('counts without deleting unless --yes', async () => {
    const dry = await twilio('cleanup', '--after', day(-1), '--before', day(1), '--to', TO, '--json');
    expect(dry.code).toBe(0);
    const answer = dry.json() as { dryRun: boolean; count: number; items: Array<{ mediaSid: string }> };
    expect(answer.dryRun).toBe(true);
    expect(answer.items.map((i) => i.mediaSid).sort()).toEqual([...media].sort());
    expect(dry.stderr).toContain('3 media would be deleted (dry run: add --yes to delete them).');
    expect((await mediaOf(message)).sort()).toEqual([...media].sort());
  });

  it('deletes exactly the media in range with --yes, writes the report, and leaves the rest', async () => {
    const withMedia = ((await twilio('messages', '--with-media', '--limit', '5', '--json')).json() as { messages: Array<{ sid: string }> }).messages;
    const demo = withMedia.find((m) => m.sid !== message)?.sid ?? '';
    const demoMediaBefore = await mediaOf(demo);
    expect(demoMediaBefore.length).toBeGreaterThan(0);
    const report = path.join(fixture.work, 'cleanup.csv');
    const done = await twilio('cleanup', '--after', day(-1), '--before', day(1), '--to', TO, '--yes', '--report', report);
    expect(done.code).toBe(0);
    for (const sid of media) expect(done.stdout).toContain(`Deleted ${sid}.`);
    expect(done.stderr).toContain('3 deleted, 0 failed.');
    expect(await mediaOf(message)).toEqual([]);
    expect(await mediaOf(demo)).toEqual(demoMediaBefore);
    const csv = await fs.readFile(report, 'utf8');
    for (const sid of media) expect(csv).toContain(sid);
  });

  it('refuses a malformed day as a usage error before any request', async () => {
    const bad = await twilio('cleanup', '--after', 'yesterday', '--before', day(0));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--after must be a GMT day written YYYY-MM-DD.');
  });
});
