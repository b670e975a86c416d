// The contract fuzz (contract-fuzz.test.ts) checks that malformed payloads stop at the schema; this one sends what
// passes it but is hostile by content, so the handlers really run: paths (../, absolute, ~, NUL, very long, unicode
// look-alikes), names, URLs (file:, javascript:, credentials, other origins), ids (traversal, huge, never issued) and
// sizes, each put in place of one value of a valid call, through the real dispatcher of a real app on a temp data
// folder, against the sandbox. A canary folder outside the data folder and the granted folder must be untouched and
// its content must never appear in an answer; every error must be a typed AppError (not 'internal'); the app must
// keep answering.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type InvokeResult, type MethodName } from '../../main/common/contract.js';
import { isAppErrorData } from '../../main/common/errors.js';
import { FINAL_STATES } from '../../main/common/transfers.js';
import { libraryClientFor } from '../../main/app/library-client.js';
import { startAppUnderTest, type AppUnderTest } from './support/app.js';
import { CaseReport, Checks } from './support/report.js';

const report = new CaseReport('handler-fuzz', 'contract');
let t: AppUnderTest;
let outside: string;
let granted: string;
let grantId: string;
const CANARY = `canary-${Date.now().toString(36)}-do-not-leak`;

const SID = (prefix: string) => `${prefix}${'0'.repeat(32)}`;

/** Every hostile value a string leaf is replaced with, by what it tries. */
function hostileStrings(): string[] {
  const canaryFile = path.join(outside, 'canary.txt');
  return [
    // paths
    canaryFile,
    '../../outside/canary.txt',
    `..${path.sep}..${path.sep}..${path.sep}etc${path.sep}passwd`,
    '~/.ssh/authorized_keys',
    '/etc/shadow',
    '/root',
    outside,
    'a\u0000b',
    `${'d/'.repeat(2100)}x`,
    'C:\\Windows\\win.ini',
    '\\\\server\\share\\x',
    '%2e%2e%2f%2e%2e%2fcanary.txt',
    // names
    '..',
    '.',
    '.bashrc',
    'a/b',
    '\uff0e\uff0e\uff0fcanary.txt',
    '\u202egpj.exe',
    'con',
    'x'.repeat(300),
    'photo.jpg ',
    // URLs
    'file:///etc/passwd',
    'javascript:alert(1)',
    'https://user:pass@evil.example/',
    `file://${canaryFile}`,
    'http://127.0.0.1:1/',
    'data:text/html,<script>1</script>',
    '//evil.example/x',
    // ids
    `acc_${'0'.repeat(32)}`,
    'stg_../../../../outside',
    `stg_${'0'.repeat(40)}`,
    `fg_${'0'.repeat(24)}`,
    `dg_${'0'.repeat(24)}`,
    `tr_${'0'.repeat(16)}`,
    `cr_${'0'.repeat(16)}`,
    `cp_${'0'.repeat(16)}`,
    '/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json?PageToken=../../../../etc',
    'https://evil.example/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages/MM00000000000000000000000000000000/Media.json',
  ];
}

const HOSTILE_NUMBERS = [-1, 0, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e308, -0];

/** A valid call for each method that takes a path, a name, a URL, an id or a size. */
function basePayloads(): Array<[MethodName, Record<string, unknown>]> {
  const { generic, library, twilio } = t.accounts;
  const mediaRef = { accountId: twilio, messageSid: SID('MM'), mediaSid: SID('ME') };
  return [
    ['files.pickFolder', { kind: 'library' }],
    // Reports link.jpg, so the download below may replace it: the link must be replaced, never written through.
    ['files.findExisting', { grantId, names: ['photo.jpg', 'link.jpg'] }],
    ['library.download', { accountId: library, folder: 'fuzz', grantId, files: [{ name: 'link.jpg', onExisting: 'overwrite' }, { name: 'photo.jpg', size: 10, onExisting: 'keepBoth' }] }],
    ['twilio.download', { accountId: twilio, grantId, items: [{ ...mediaRef, accountId: undefined, onExisting: 'overwrite' }] }],
    ['library.upload', { accountId: library, folder: 'fuzz', files: [{ ref: { kind: 'staged', id: `stg_${'a'.repeat(24)}` } }] }],
    ['generic.checkFiles', { files: [{ kind: 'granted', id: `fg_${'a'.repeat(24)}` }] }],
    ['generic.upload', { accountId: generic, files: [{ kind: 'staged', id: `stg_${'a'.repeat(24)}` }], recipients: ['+15551230001'], description: 'd' }],
    ['library.getFolder', { accountId: library, folder: 'fuzz' }],
    ['library.createFolder', { accountId: library, folder: 'fuzz' }],
    ['library.getFile', { accountId: library, folder: 'fuzz', file: 'photo.jpg' }],
    ['library.mediaUrl', { accountId: library, folder: 'fuzz', file: 'photo.jpg' }],
    ['library.deleteFiles', { accountId: library, folder: 'fuzz', files: ['photo.jpg'] }],
    ['twilio.nextMessages', { accountId: twilio, nextPageUri: '/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json?PageToken=x' }],
    ['twilio.nextMedia', { accountId: twilio, nextPageUri: '/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages/MM00000000000000000000000000000000/Media.json?PageToken=x' }],
    ['twilio.getMediaXml', mediaRef],
    ['twilio.cleanupStatus', { runId: `cr_${'0'.repeat(16)}`, since: 0 }],
    ['shell.openExternal', { url: 'https://example.com/' }],
    ['app.dismissNotice', { id: 'n1' }],
    ['log.list', { limit: 10 }],
    ['transfers.retry', { ids: [`tr_${'0'.repeat(16)}`] }],
    ['accounts.test', { accountId: library }],
    ['generic.importAccountXml', { xml: '<account><username>u</username></account>' }],
  ];
}

/** Copies of `base`, each with one string or number leaf replaced by a hostile value. */
function* variants(base: unknown, pathSoFar: string[] = []): Generator<[string, unknown]> {
  if (typeof base === 'string') {
    for (const value of hostileStrings()) yield [`${pathSoFar.join('.')}=${JSON.stringify(value.slice(0, 40))}`, value];
    return;
  }
  if (typeof base === 'number') {
    for (const value of HOSTILE_NUMBERS) yield [`${pathSoFar.join('.')}=${value}`, value];
    return;
  }
  if (Array.isArray(base)) {
    const items: unknown[] = base;
    for (const [i, item] of items.entries()) {
      for (const [what, value] of variants(item, [...pathSoFar, String(i)])) yield [what, items.map((x, j) => (j === i ? value : x))];
    }
    return;
  }
  if (base !== null && typeof base === 'object') {
    for (const [key, item] of Object.entries(base)) {
      for (const [what, value] of variants(item, [...pathSoFar, key])) yield [what, { ...base, [key]: value }];
    }
  }
}

/** Every file under a folder with its size and a hash of its bytes (links as what they point at). */
async function snapshot(dir: string): Promise<string> {
  const out: string[] = [];
  const walk = async (current: string) => {
    for (const entry of (await fs.readdir(current, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isSymbolicLink()) out.push(`${full} -> ${await fs.readlink(full)}`);
      else out.push(`${full} ${createHash('sha256').update(await fs.readFile(full)).digest('hex')}`);
    }
  };
  await walk(dir);
  return out.join('\n');
}

beforeAll(async () => {
  t = await startAppUnderTest('handler-fuzz');
  outside = path.join(t.workDir, 'outside');
  granted = path.join(t.workDir, 'granted');
  await fs.mkdir(path.join(outside, '.ssh'), { recursive: true });
  await fs.mkdir(granted);
  await fs.writeFile(path.join(outside, 'canary.txt'), CANARY);
  await fs.writeFile(path.join(outside, '.ssh', 'authorized_keys'), `ssh-ed25519 ${CANARY}`);
  await fs.writeFile(path.join(granted, 'photo.jpg'), 'the user\'s own photo');
  // A link in the granted folder to the canary: a download must replace the link, never write through it.
  await fs.symlink(path.join(outside, 'canary.txt'), path.join(granted, 'link.jpg'));
  grantId = await t.app.grantFolder(granted);
  await t.call('library.createFolder', { accountId: t.accounts.library, folder: 'fuzz' });
  await libraryClientFor(t.app.services.accounts, t.accounts.library).uploadFile('fuzz', 'link.jpg', await t.demoFile('ocean-gradient.jpg'));
}, 30_000);
afterAll(async () => {
  await report.write();
  await t?.close();
});

describe('handlers under payloads the schema accepts but are hostile by content', () => {
  it('write and read nothing outside the data folder and the granted folder, answer typed errors, keep running', async () => {
    const before = await snapshot(outside);
    const problems: string[] = [];
    let ran = 0;
    let refusedBySchema = 0;
    for (const [method, base] of basePayloads()) {
      for (const [what, payload] of variants(base)) {
        const clean = JSON.parse(JSON.stringify(payload)) as unknown;
        if (!contract[method].args.safeParse(clean).success) {
          refusedBySchema += 1;
          continue;
        }
        ran += 1;
        let answer: InvokeResult<unknown>;
        try {
          answer = await t.app.dispatch(method, clean);
        } catch (err) {
          problems.push(`${method} ${what}: the dispatcher threw ${String(err).slice(0, 100)}`);
          continue;
        }
        const text = JSON.stringify(answer);
        if (text.includes(CANARY)) problems.push(`${method} ${what}: the canary's content is in the answer`);
        if (!answer.ok && (!isAppErrorData(answer.error) || answer.error.code === 'internal')) problems.push(`${method} ${what}: not a typed error: ${text.slice(0, 160)}`);
      }
    }
    // Let every queued transfer end, then look again: runners write later than handlers.
    const deadline = Date.now() + 30_000;
    while (t.app.services.transfers.list().some((i) => !FINAL_STATES.includes(i.state)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const after = await snapshot(outside);
    const inGranted = await fs.readdir(granted);
    const info = await t.app.dispatch('app.info', {});
    const checks = new Checks()
      .that('handlers really ran (payloads the schema accepted)', ran > 200)
      .that('every answer was a value or a typed AppError, never the canary', problems.length === 0)
      .that('nothing outside was written, removed or replaced', before === after)
      .that('no hidden file appeared in the granted folder', inGranted.every((n) => !n.startsWith('.')))
      .that('the app still answers', info.ok);
    report.judge(
      'contract handlers with schema-valid, hostile-by-content values (paths, names, URLs, ids, sizes) in place of each value of a valid call',
      'no file outside the data and granted folders is read or written; typed errors only; the app keeps answering',
      `${ran} calls ran a handler, ${refusedBySchema} variants stopped at the schema; ${problems.length} problems${problems.length ? `: ${problems.slice(0, 3).join('; ')}` : ''}; outside unchanged: ${before === after}`,
      checks,
    );
    expect(problems).toEqual([]);
    expect(checks.failed()).toEqual([]);
  }, 180_000);
});
