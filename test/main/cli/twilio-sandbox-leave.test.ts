// The command line follows the sandbox account's media redirect to loopback (the sandbox's CDN) only when a live
// app on the same data folder says its sandbox runs where the account points: held lock, process alive on this
// machine, instance.json naming that origin. With the app closed, a stale instance.json or another origin, the mark
// alone is no leave, since anyone may listen on the sandbox's old port: the redirect is refused and the loopback
// server it names is never asked.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTANCE_FILE, LOCK_NAME } from '../../../main/core/storage/instance-lock.js';
import { buildCli, expectOneErrorLine, makeRunner } from './support/cli-process.js';
import { startCliFixture, type CliFixture } from './support/fixture.js';

let fixture: CliFixture;
let cli: Awaited<ReturnType<typeof buildCli>>;
let run: ReturnType<typeof makeRunner>;
let message: string;
let mediaSid: string;
let origin: string;

beforeAll(async () => {
  [fixture, cli] = await Promise.all([startCliFixture(), buildCli()]);
  run = makeRunner(cli.bundle, () => fixture.secrets);
  message = await fixture.sandbox.twilio.createMessage({ to: '+15557770077', body: 'for the sandbox leave' });
  mediaSid = (await fixture.sandbox.twilio.seedMedia(message, 1))[0]!;
  origin = new URL(fixture.sandbox.baseUrl).origin;
});
afterAll(async () => {
  await fixture?.close();
  await cli?.remove();
});

/** Fetches the media's bytes; answers the run and how many requests the sandbox's CDN (the loopback hop) saw. */
async function getMedia(): Promise<{ result: Awaited<ReturnType<typeof run>>; cdnHits: number }> {
  const out = await fs.mkdtemp(path.join(fixture.work, 'get-'));
  const before = fixture.sandbox.cdnLog.length;
  const result = await run(['twilio', 'media', 'get', message, mediaSid, '--out', out, '--data-dir', fixture.dataDir]);
  return { result, cdnHits: fixture.sandbox.cdnLog.length - before };
}

function expectRefused({ result, cdnHits }: Awaited<ReturnType<typeof getMedia>>): void {
  expect(result.code).not.toBe(0);
  expectOneErrorLine(result, /redirect(ed)? .*127\.0\.0\.1|127\.0\.0\.1.*(internal|this machine|private)/i);
  expect(cdnHits).toBe(0);
}

const writeInstance = (info: Record<string, unknown>) =>
  fs.writeFile(path.join(fixture.dataDir, INSTANCE_FILE), JSON.stringify({ host: 'browser', hostname: os.hostname(), startedAt: new Date().toISOString(), ...info }));

// In order: the live app first, then what it leaves behind.
describe('the sandbox account’s media redirect to loopback, on the command line', () => {
  it('is followed while the app runs on the folder and says its sandbox runs where the account points', async () => {
    const { result, cdnHits } = await getMedia();
    expect(result.code).toBe(0);
    expect(cdnHits).toBe(1);
  });

  it('is refused when the running app names another origin for its sandbox', async () => {
    await fixture.instance.announce({ sandbox: 'http://127.0.0.1:9' });
    expectRefused(await getMedia());
    await fixture.instance.announce({ sandbox: origin });
  });

  it('is refused when the lock is held by a process on another machine', async () => {
    await writeInstance({ pid: process.pid, hostname: `not-${os.hostname()}`, sandbox: origin });
    expectRefused(await getMedia());
  });

  it('is refused with the app closed (no lock, no instance.json)', async () => {
    await fixture.instance.release();
    await expect(fs.readdir(fixture.dataDir)).resolves.not.toContain(LOCK_NAME);
    expectRefused(await getMedia());
  });

  it('is refused when an instance.json naming the sandbox is left without its lock, even naming a live process', async () => {
    await writeInstance({ pid: process.pid, sandbox: origin });
    expectRefused(await getMedia());
  });

  it('is refused when the lock is fresh but the process that holds it is gone', async () => {
    await fs.mkdir(path.join(fixture.dataDir, LOCK_NAME));
    // Above the kernel's pid_max: it cannot be running.
    await writeInstance({ pid: 2 ** 30, sandbox: origin });
    expectRefused(await getMedia());
  });
});
