// Crash safety and damaged files at start.
// 1. A child process opens the app's stores (as services.ts composes them) and writes settings, accounts (with their
//    secrets) and the transfer queue in a loop; it is killed with SIGKILL at a random moment (seeded), 20 times in a
//    row on the same data dir. The last start is the app's own createAppServices.
//    After every kill: every file parses and has its shape, nothing was set aside as corrupt, no account whose
//    creation had completed is missing (nor its secret), and the next start finds nothing damaged.
// 2. Settings, accounts, the vault and the queue files damaged in various ways before a start: the app starts, tells
//    the user, keeps the damaged file aside byte for byte, uses defaults, and writes a good file next time.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../main/app/services.js';
import { createKeyFileCipher } from '../../main/core/vault/cipher.js';
import { DEFAULT_SETTINGS } from '../../main/core/settings-store.js';
import { bundleCrashChild } from './support/crash-child-bundle.js';
import { CaseReport, Checks } from './support/report.js';
import { seededRandom } from './support/fuzz.js';

const report = new CaseReport('crash', 'crash safety');
const ROUNDS = 20;
let work: string;
let childScript: string;

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'md-rel-crash-'));
  childScript = path.join(work, 'crash-child.mjs');
  await bundleCrashChild(childScript);
});
afterAll(async () => {
  await report.write();
  await fs.rm(work, { recursive: true, force: true });
});

async function boot(dataDir: string): Promise<AppServices> {
  return createAppServices({
    dataDir,
    version: 'reliability',
    cipher: () => createKeyFileCipher(dataDir),
    host: { host: 'browser', openExternal: async () => undefined, mediaUrl: (token) => `/media/${token}`, pickFolder: async () => null },
  });
}

async function stop(services: AppServices): Promise<void> {
  await services.transfers.stop();
  await services.log.flush();
}

interface Round {
  ready: boolean;
  readyNotices: string[];
  created: string[];
  /** Removals started: the account may be gone whether or not the removal was confirmed. */
  removing: string[];
  removed: string[];
  error?: string;
}

/** Runs the child until `killAfterMs` after it said ready, then SIGKILLs it. */
function runChild(dataDir: string, seed: number, killAfterMs: number): Promise<Round> {
  return new Promise((resolve) => {
    const round: Round = { ready: false, readyNotices: [], created: [], removing: [], removed: [] };
    const child = spawn(process.execPath, [childScript, dataDir, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffered = '';
    let timer: NodeJS.Timeout | undefined;
    // A child that never gets ready is killed too (and the round reports it).
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        const [word, ...rest] = line.split(' ');
        if (word === 'ready') {
          round.ready = true;
          round.readyNotices = JSON.parse(rest.slice(1).join(' ') || '[]') as string[];
          timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        } else if (word === 'created') round.created.push(rest[0] ?? '');
        else if (word === 'removing') round.removing.push(rest[0] ?? '');
        else if (word === 'removed') round.removed.push(rest[0] ?? '');
        else if (word === 'error') round.error = rest.join(' ');
      }
    });
    child.stderr.resume();
    child.on('exit', () => {
      clearTimeout(timer);
      clearTimeout(watchdog);
      resolve(round);
    });
  });
}

interface FileCheck {
  problems: string[];
  accountIds: Set<string>;
  secretKeys: Set<string>;
}

/** Reads every file the child writes, straight from the disk, and says what is wrong with any of them. */
async function checkFiles(dataDir: string): Promise<FileCheck> {
  const problems: string[] = [];
  const accountIds = new Set<string>();
  const secretKeys = new Set<string>();
  const read = async (name: string): Promise<unknown> => {
    const text = await fs.readFile(path.join(dataDir, name), 'utf8').catch(() => null);
    if (text === null) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      problems.push(`${name} does not parse (${text.length} bytes)`);
      return undefined;
    }
  };
  const settings = await read('settings.json');
  if (settings !== undefined && (typeof settings !== 'object' || settings === null || Array.isArray(settings))) problems.push('settings.json is not an object');
  const accounts = (await read('accounts.json')) as { version?: unknown; accounts?: Array<{ id?: unknown }> } | undefined;
  if (accounts !== undefined) {
    if (accounts.version !== 1 || !Array.isArray(accounts.accounts)) problems.push('accounts.json has not its shape');
    for (const a of accounts.accounts ?? []) if (typeof a.id === 'string') accountIds.add(a.id);
  }
  const secrets = (await read('secrets.json')) as { version?: unknown; secrets?: Record<string, unknown> } | undefined;
  if (secrets !== undefined) {
    if (secrets.version !== 1 || typeof secrets.secrets !== 'object') problems.push('secrets.json has not its shape');
    for (const key of Object.keys(secrets.secrets ?? {})) secretKeys.add(key);
  }
  const transfers = (await read('transfers.json')) as { version?: unknown; entries?: unknown } | undefined;
  if (transfers !== undefined && (transfers.version !== 1 || !Array.isArray(transfers.entries))) problems.push('transfers.json has not its shape');
  const names = await fs.readdir(dataDir);
  for (const name of names) if (name.includes('.corrupt-')) problems.push(`${name} was set aside as corrupt`);
  return { problems, accountIds, secretKeys };
}

describe('the process is killed (SIGKILL) while it writes settings, accounts and the queue', () => {
  it(`${ROUNDS} kills at random moments: the files always parse and no account is lost`, async () => {
    const dataDir = path.join(work, 'data');
    await fs.mkdir(dataDir);
    const random = seededRandom(20_240_917);
    const alive = new Set<string>();
    const problems: string[] = [];
    let created = 0;
    let kills = 0;
    let lost = 0;
    let staleTemps = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const killAfter = 20 + Math.floor(random() * 230);
      const result = await runChild(dataDir, Math.floor(random() * 2 ** 31), killAfter);
      if (!result.ready) problems.push(`round ${round}: the app did not start (${result.error ?? 'no ready line'})`);
      if (result.error) problems.push(`round ${round}: the child failed: ${result.error}`);
      const damaged = result.readyNotices;
      if (damaged.length > 0) problems.push(`round ${round}: at start: ${damaged.join(' / ')}`);
      kills += 1;
      created += result.created.length;
      for (const id of result.created) alive.add(id);
      for (const id of result.removed) alive.delete(id);
      // A removal cut short by the kill may or may not have reached the disk: either is right.
      const files0 = await checkFiles(dataDir);
      for (const id of result.removing) if (!files0.accountIds.has(id)) alive.delete(id);
      staleTemps += (await fs.readdir(dataDir)).filter((n) => n.endsWith('.tmp')).length;
      const files = await checkFiles(dataDir);
      problems.push(...files.problems.map((p) => `round ${round}: ${p}`));
      for (const id of alive) {
        if (!files.accountIds.has(id)) {
          lost += 1;
          problems.push(`round ${round}: account ${id} (created, never removed) is not in accounts.json`);
        } else if (![...files.secretKeys].some((key) => key.startsWith(`account:${id}:`))) {
          problems.push(`round ${round}: the secret of account ${id} is not in secrets.json`);
        }
      }
    }
    // A last start, in this process: nothing damaged, every account there with its secret readable.
    const services = await boot(dataDir);
    const notices = services.notices.list().map((n) => n.message);
    const listed = new Map(services.accounts.list().map((a) => [a.id, a]));
    const missing = [...alive].filter((id) => !listed.has(id));
    const withoutSecret = [...alive].filter((id) => listed.get(id)?.secretSet !== true);
    const leftTemps = (await fs.readdir(dataDir)).filter((n) => n.endsWith('.tmp'));
    const queueStates = new Set(services.transfers.list().map((i) => i.state));
    await stop(services);
    const checks = new Checks()
      .that('every round started and every file parsed with its shape', problems.length === 0)
      .that('the last start found nothing damaged', notices.every((n) => !/damaged|could not be decrypted/i.test(n)))
      .that('no account created (and not removed) is missing', missing.length === 0 && lost === 0)
      .that('each of them has its secret', withoutSecret.length === 0)
      .that('temp files left by kills are removed at start', leftTemps.length === 0)
      .that('nothing in the queue is shown as still running after a restart', [...queueStates].every((s) => ['done', 'failed', 'cancelled'].includes(s)));
    report.judge(
      `SIGKILL at random moments, ${ROUNDS} rounds, while settings, accounts (+ secrets) and the queue are written`,
      'after every kill: all files parse with their shape, nothing set aside as corrupt, no completed account lost; the next start finds nothing damaged',
      `${kills} kills, ${created} accounts created and confirmed, ${alive.size} expected at the end, ${listed.size} listed; ${problems.length} problems${problems.length ? `: ${problems.slice(0, 3).join('; ')}` : ''}; temp files seen after kills: ${staleTemps}, left after the last start: ${leftTemps.length}; queue states after restart: [${[...queueStates].join(', ')}]`,
      checks,
    );
    expect(problems).toEqual([]);
    expect(checks.failed()).toEqual([]);
  }, 60_000);
});

interface DamageCase {
  file: 'settings.json' | 'transfers.json' | 'accounts.json' | 'secrets.json';
  what: string;
  content: Buffer | string;
  /** The notice the user must get; undefined when the content is readable and no notice is due. */
  notice?: RegExp;
  /** Settings only: the values the file held that the app must keep (a bad value falls back alone). */
  readable?: Partial<typeof DEFAULT_SETTINGS>;
}

const VALID_ACCOUNTS = JSON.stringify({
  version: 1,
  accounts: [
    {
      id: 'acc_0123456789abcdef',
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
      config: { kind: 'library', label: 'Kept', serverUrl: 'https://library.example', domain: 'd', userId: 'u', appId: 'a' },
    },
  ],
});

const DAMAGE: DamageCase[] = [
  { file: 'settings.json', what: 'truncated', content: '{"theme": "dark", "concurr', notice: /settings file was damaged/ },
  { file: 'settings.json', what: 'empty', content: '', notice: /settings file was damaged \(it is empty\)/ },
  { file: 'settings.json', what: 'NUL bytes (a crash on some file systems)', content: Buffer.alloc(64), notice: /settings file was damaged/ },
  { file: 'settings.json', what: 'random binary', content: Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x80, 0x81]), notice: /settings file was damaged/ },
  { file: 'settings.json', what: 'a JSON array', content: '[1,2,3]', notice: /settings file was damaged/ },
  { file: 'settings.json', what: 'a value of the wrong type (each bad value falls back alone, and is named)', content: '{"theme":"dark","concurrency":"fast","sandboxEnabled":false}', notice: /"concurrency" \("fast"\) is back to its default/, readable: { theme: 'dark', sandboxEnabled: false } },
  { file: 'transfers.json', what: 'truncated', content: '{"version":1,"entries":[{"item":{"id":"tr_0123456789abcdef","st', notice: /transfer history was damaged/ },
  { file: 'transfers.json', what: 'empty', content: '', notice: /transfer history was damaged/ },
  { file: 'transfers.json', what: 'random binary', content: Buffer.from([0x00, 0x01, 0xff, 0x7b]), notice: /transfer history was damaged/ },
  { file: 'transfers.json', what: 'another version', content: '{"version":2,"entries":[]}', notice: /transfer history was damaged/ },
  { file: 'accounts.json', what: 'truncated', content: VALID_ACCOUNTS.slice(0, VALID_ACCOUNTS.length - 30), notice: /accounts file was damaged.*no account was deleted/ },
  { file: 'secrets.json', what: 'truncated', content: '{"version":1,"secrets":{"account:acc_0123456789abcdef:pass', notice: /saved passwords file was damaged/ },
];

describe('damaged files at start', () => {
  it.each(DAMAGE.map((d) => [`${d.file}: ${d.what}`, d] as const))('%s', async (_label, d) => {
    const dataDir = await fs.mkdtemp(path.join(work, 'damaged-'));
    const original = Buffer.isBuffer(d.content) ? d.content : Buffer.from(d.content, 'utf8');
    await fs.writeFile(path.join(dataDir, d.file), original);
    const services = await boot(dataDir);
    const notices = services.notices.list().map((n) => n.message);
    // What the started app answers before anything is written: defaults where the file was damaged.
    const answered = { settings: services.settings.get(), accounts: services.accounts.list(), transfers: services.transfers.list() };
    const expectedSettings = d.file === 'settings.json' && d.readable ? { ...DEFAULT_SETTINGS, ...d.readable } : DEFAULT_SETTINGS;
    // The app goes on working: a write of that file now makes a good one.
    if (d.file === 'settings.json') await services.settings.update({ theme: 'light' });
    if (d.file === 'accounts.json' || d.file === 'secrets.json') await services.accounts.create({ kind: 'library', label: 'New', serverUrl: 'https://l.example', domain: 'd', userId: 'u', appId: 'a' }, 'new-secret-123');
    if (d.file === 'transfers.json') await services.transfers.clearFinished();
    await stop(services);
    const names = await fs.readdir(dataDir);
    const aside = names.find((n) => n.startsWith(`${d.file}.corrupt-`));
    const keptBytes = aside ? await fs.readFile(path.join(dataDir, aside)) : null;
    const rewritten = await fs.readFile(path.join(dataDir, d.file), 'utf8').then(
      (text) => {
        JSON.parse(text);
        return true;
      },
      () => false,
    );
    const again = await boot(dataDir);
    const noticesAgain = again.notices.list().map((n) => n.message);
    await stop(again);
    const checks = new Checks()
      .that('the started app answers its settings (the defaults, or the readable values)', isDeepStrictEqual(answered.settings, expectedSettings))
      .that('the started app answers its accounts and transfers (none: the damaged file is not half-read)', answered.accounts.length === 0 && answered.transfers.length === 0);
    if (d.notice) {
      checks
        .that(`the user is told (${d.notice})`, notices.some((n) => d.notice?.test(n) === true))
        .that('the notice names the file it was kept as', aside !== undefined && notices.some((n) => n.includes(aside)))
        .that('the damaged file is kept aside byte for byte', keptBytes !== null && keptBytes.equals(original));
    } else {
      checks.that('no notice (the file is readable)', notices.length === 0).that('nothing set aside', aside === undefined);
    }
    checks.that('the next write makes a good file', rewritten).that('the next start finds nothing damaged', noticesAgain.length === 0);
    report.judge(
      `${d.file} ${d.what} at start`,
      d.notice ? 'the app starts with defaults, tells the user, keeps the damaged file aside unchanged, writes a good file next' : 'the app starts, keeps the good values, no notice',
      `notices: ${notices.length ? notices.map((n) => `"${n}"`).join(' ') : 'none'}; kept aside as: ${aside ?? 'nothing'}; next write parses: ${rewritten}`,
      checks,
    );
    await fs.rm(dataDir, { recursive: true, force: true });
    expect(checks.failed()).toEqual([]);
  });

  it('transfers.json whose entries lack their fields: set aside or dropped, never listed half-made', async () => {
    const dataDir = await fs.mkdtemp(path.join(work, 'damaged-'));
    const content = JSON.stringify({
      version: 1,
      entries: [
        { item: { id: 'x' }, spec: {} },
        { item: { id: 'tr_0123456789abcdef', state: 'queued', title: 42 }, spec: { type: 'generic.upload' } },
      ],
    });
    await fs.writeFile(path.join(dataDir, 'transfers.json'), content);
    const services = await boot(dataDir);
    const notices = services.notices.list().map((n) => n.message);
    const items = services.transfers.list();
    const malformed = items.filter(
      (i) => !/^tr_[a-f0-9]{16}$/.test(i.id) || typeof i.title !== 'string' || typeof i.bytesDone !== 'number' || typeof i.createdAt !== 'string' || typeof i.accountId !== 'string',
    );
    const retried = items[0] ? await Promise.resolve().then(() => services.transfers.retry([items[0]?.id ?? ''])).then(() => 'retried', (err: unknown) => String(err)) : 'nothing to retry';
    await stop(services);
    const checks = new Checks()
      .that('no half-made item reaches the transfer list', malformed.length === 0)
      .that('the user is told', notices.some((n) => /transfer/i.test(n)));
    report.judge(
      'transfers.json that parses but whose entries lack their fields (id "x", a number as title, no dates)',
      'entries that are not transfers are set aside (or dropped) and the user is told; the list only holds well-formed items',
      `listed ${items.length} item(s), ${malformed.length} malformed (e.g. ${JSON.stringify(malformed[0] ?? null)}); notices: ${notices.length ? notices.join(' / ') : 'none'}; retry: ${retried}`,
      checks,
      { fix: 'main/core/transfers/transfer-queue.ts load(): each entry is checked with a real schema (id, accountId, direction, title, detail, state, bytes, createdAt, spec.type); entries that fail are dropped and the file is copied aside as transfers.json.corrupt-<time>, which the existing notice reports.' },
    );
    await fs.rm(dataDir, { recursive: true, force: true });
    expect(checks.failed()).toEqual([]);
  });
});
