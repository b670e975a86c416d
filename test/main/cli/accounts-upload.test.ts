// `accounts list`, `upload`, and the failures every command shares (unknown command, bad flag, unknown account,
// missing data folder), run as a child process against a sandbox started here.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { promisify } from 'node:util';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, expectOneErrorLine, makeRunner, REPO } from './support/cli-process.js';
import { startCliFixture, type CliFixture } from './support/fixture.js';

let fixture: CliFixture;
let cli: Awaited<ReturnType<typeof buildCli>>;
let run: ReturnType<typeof makeRunner>;

beforeAll(async () => {
  [fixture, cli] = await Promise.all([startCliFixture(), buildCli()]);
  run = makeRunner(cli.bundle, () => fixture.secrets);
});
afterAll(async () => {
  await fixture?.close();
  await cli?.remove();
});

const JPEG = path.join(REPO, 'assets/demo/fractal.jpg');
const MP4 = path.join(REPO, 'assets/demo/clip-h264.mp4');

describe('accounts list', () => {
  it('shows each account with its kind, id and secret state, as text and as JSON without secrets', async () => {
    const text = await run(['accounts', 'list', '--data-dir', fixture.dataDir]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toMatch(/^NAME\s+KIND\s+ID\s+SECRET\s+WHERE$/);
    expect(text.stdout).toMatch(new RegExp(`Sandbox media library\\s+media library\\s+${fixture.ids.library}\\s+saved\\s+127\\.0\\.0\\.1:`));
    expect(text.stdout).toMatch(new RegExp(`Sandbox Twilio\\s+Twilio\\s+${fixture.ids.twilio}\\s+saved`));

    const json = await run(['--json', 'accounts', 'list', '--data-dir', fixture.dataDir]);
    expect(json.code).toBe(0);
    const doc = json.json() as { dataDir: string; accounts: Array<Record<string, unknown>> };
    expect(doc.dataDir).toBe(fixture.dataDir);
    expect(doc.accounts.map((a) => [a.kind, a.id, a.secret, a.sandbox])).toEqual([
      ['generic', fixture.ids.generic, 'saved', true],
      ['library', fixture.ids.library, 'saved', true],
      ['twilio', fixture.ids.twilio, 'saved', true],
    ]);
    expect(doc.accounts[1]).toMatchObject({ domain: fixture.sandbox.accounts.library.domain, userId: fixture.sandbox.accounts.library.userId });
    expect(doc.accounts[0]).not.toHaveProperty('secretSet');
  });

  it('a data folder that does not exist is a local error (4), also as a JSON error document', async () => {
    const missing = path.join(fixture.work, 'no-such-folder');
    const result = await run(['accounts', 'list', '--data-dir', missing, '--json']);
    expect(result.code).toBe(4);
    expectOneErrorLine(result, /There is no Media Desk data folder at .*no-such-folder/);
    expect(result.json()).toEqual({ error: { code: 'io', message: expect.stringContaining('no-such-folder'), exitCode: 4 } });
    await expect(fs.stat(missing)).rejects.toThrow();
  });
});

describe('usage errors exit with 2 and one line', () => {
  it('unknown command, unknown option, missing value, extra argument, unknown account, account of another kind', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['frobnicate'], /Unknown command "frobnicate"\. \(see "media-desk --help"\)$/],
      [['accounts', 'list', '--colour'], /Unknown option --colour\. \(see "media-desk accounts list --help"\)$/],
      [['library', 'ls', '--account'], /--account needs a value\./],
      [['accounts', 'list', 'extra'], /"accounts list" takes no arguments\./],
      [['library', 'ls', '--account', 'Nobody'], /No account is named "Nobody" in .*"media-desk accounts list" shows the names and ids\./],
      [['library', 'ls', '--account', 'Sandbox Twilio'], /"Sandbox Twilio" is a Twilio account; this command needs a media library account\./],
    ];
    for (const [args, pattern] of cases) {
      const result = await run(['--data-dir', fixture.dataDir, ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout, args.join(' ')).toBe('');
      expectOneErrorLine(result, pattern);
    }
  });

  it('--help on a command prints its help on stdout and exits 0 (through the real process)', async () => {
    const result = await run(['upload', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: media-desk upload [--account NAME] [--to N]... [--description TEXT] FILE...');
    expect(result.stderr).toBe('');
  });

  it('--version prints the built version', async () => {
    const result = await run(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: 'media-desk 9.9.9-test\n' });
  });
});

describe('the source entry', () => {
  it('runs under tsx as `npm run cli` runs it, with the same output as the bundle', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'main/cli/main.ts', 'accounts', 'list', '--json', '--data-dir', fixture.dataDir], { cwd: REPO });
    const bundled = await run(['accounts', 'list', '--json', '--data-dir', fixture.dataDir]);
    expect(JSON.parse(stdout)).toEqual(bundled.json());
  });
});

describe('upload', () => {
  it('uploads each file, prints each media_url in order, and the server has the bytes', async () => {
    const result = await run(['upload', '--data-dir', fixture.dataDir, '--account', 'Sandbox upload', '--to', '+15550001111', '--description', 'from the CLI', JPEG, MP4]);
    expect(result.code).toBe(0);
    const urls = result.stdout.trimEnd().split('\n');
    expect(urls).toHaveLength(2);
    expect(urls[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/generic\/media\/.+\.jpg$/);
    expect(urls[1]).toMatch(/\.mp4$/);
    // The URL really serves the file uploaded, byte for byte.
    const served = Buffer.from(await (await fetch(urls[0]!)).arrayBuffer());
    expect(served.equals(await fs.readFile(JPEG))).toBe(true);
    // Not a terminal: no progress on stderr.
    expect(result.stderr).toBe('');
  });

  it('--json gives each file\'s result with the reference sends; a file picked by id with relative paths', async () => {
    const result = await run(['upload', '--json', '--data-dir', fixture.dataDir, '--account', fixture.ids.generic, '--to', '+15550002222', 'assets/demo/fractal.jpg']);
    expect(result.code).toBe(0);
    expect(result.json()).toEqual({
      account: { id: fixture.ids.generic, label: 'Sandbox upload' },
      results: [
        {
          file: JPEG,
          ok: true,
          mediaUrl: expect.stringMatching(/\/generic\/media\/.+\.jpg$/),
          contentType: 'image/jpeg',
          size: (await fs.stat(JPEG)).size,
          referenceSends: [{ recipient: '+15550002222', ok: true }],
        },
      ],
    });
  });

  it('checks every file by its bytes before sending: one text file refuses the batch (4) and nothing reaches the server', async () => {
    const notMedia = path.join(fixture.work, 'photo.jpg');
    await fs.writeFile(notMedia, 'not a jpeg at all');
    const before = fixture.sandbox.requests.filter((r) => r.path.startsWith('/generic/')).length;
    const result = await run(['upload', '--data-dir', fixture.dataDir, '--to', '+15550003333', JPEG, notMedia]);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expectOneErrorLine(result, /photo\.jpg" is a text file, not a JPEG image or an MP4 video\. Nothing was uploaded\.$/);
    expect(fixture.sandbox.requests.filter((r) => r.path.startsWith('/generic/')).length).toBe(before);
  });

  it('a missing file is a local error (4); with several refused, each is named and the last line sums up', async () => {
    const missing = path.join(fixture.work, 'gone.jpg');
    const one = await run(['upload', '--data-dir', fixture.dataDir, '--to', '1', missing]);
    expect(one.code).toBe(4);
    expectOneErrorLine(one, /gone\.jpg" was not found/);
    const two = await run(['upload', '--data-dir', fixture.dataDir, '--to', '1', missing, path.join(fixture.work, 'gone2.jpg'), JPEG]);
    expect(two.code).toBe(4);
    expect(two.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/gone\.jpg" was not found/),
      expect.stringMatching(/gone2\.jpg" was not found/),
      'media-desk: 2 of 3 files were refused. Nothing was uploaded.',
    ]);
  });

  it('without --to, an account whose templates send %sms_to% is a usage error (2)', async () => {
    const result = await run(['upload', '--data-dir', fixture.dataDir, JPEG]);
    expect(result.code).toBe(2);
    expectOneErrorLine(result, /"Sandbox upload" sends each upload to recipients: give at least one with --to\./);
  });

  it('the server refusing (no credit) is a remote error (3), with its reason, and the JSON result says which file', async () => {
    const noCredit = fixture.sandbox.accounts.generic.limits.noCreditRecipient;
    const result = await run(['upload', '--json', '--data-dir', fixture.dataDir, '--to', noCredit, JPEG]);
    expect(result.code).toBe(3);
    expectOneErrorLine(result, /^media-desk: fractal\.jpg: .*Not enough credit/);
    expect(result.json()).toMatchObject({ results: [{ file: JPEG, ok: false, exitCode: 3, error: { code: expect.any(String), message: expect.stringContaining('Not enough credit') } }] });
  });
});
