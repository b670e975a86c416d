// One lock-out rule, three deciders: the same table of access-list changes goes through the rule itself
// (main/common/library-acl.ts), the app's handlers (library.applyAcl / library.putAcl, whose refusal the editor
// reads with refusedLockoutWarning), the editor's own warning before saving (draftLockout), and the CLI
// (`library acl set`, with and without --recursive). Each must name the same lock-out, or none; a decider that
// drifts (say, a --recursive that checks the folder only) fails its row.

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyAcl, findLockout, lockoutOf, type Acl, type AclChange, type AclLockout } from '../../../../main/common/library-acl';
import { draftLockout, refusedLockoutWarning } from '../../../../renderer/src/views/library/acl-lockout';
import { buildCli, makeRunner } from '../../cli/support/cli-process';
import { makeAppDataDir } from '../../cli/support/fixture';
import { ASSETS, startLibraryWorld, type LibraryWorld } from './library-support';

let w: LibraryWorld;
let cli: Awaited<ReturnType<typeof buildCli>>;
let run: ReturnType<typeof makeRunner>;
let cliDataDir: string;

beforeAll(async () => {
  [w, cli] = await Promise.all([startLibraryWorld(), buildCli()]);
  cliDataDir = path.join(w.tmp, 'cli-app');
  // The CLI's data folder holds the same sandbox's accounts: both act as the same user on the same server.
  await makeAppDataDir(cliDataDir, w.sandbox);
  run = makeRunner(cli.bundle, () => [w.sandbox.accounts.library.password, w.sandbox.accounts.library.otherUser.password]);
});
afterAll(async () => {
  await w?.close();
  await cli?.remove();
});

const JPEG = () => path.join(ASSETS, 'fractal.jpg');
const acl = (read: string[], write: string[]): Acl => ({ readUsers: read, readApps: [], writeUsers: write, writeApps: [] });

/**
 * The world of every row: a folder of the demo user ("me") that the other user may also read and write, holding
 * mine.jpg (uploaded by me) and theirs.jpg (uploaded by the other user); neither file has a list of its own.
 */
async function makeFolder(stem: string): Promise<string> {
  const folder = w.folder(stem);
  await w.demo.createFolder(folder);
  await w.demo.putAcl({ folder }, acl([w.demoUser, w.otherUser], [w.demoUser, w.otherUser]));
  await w.demo.uploadFile(folder, 'mine.jpg', JPEG());
  await w.other.uploadFile(folder, 'theirs.jpg', JPEG());
  return folder;
}

/** What a decider said, with the folder's name taken out of the items so that rows compare across folders. */
type Verdict = { items: string[]; losesRead: boolean; losesWrite: boolean } | null;
function verdict(lockout: AclLockout | null | undefined, folder: string): Verdict {
  if (!lockout) return null;
  return { items: lockout.items.map((item) => item.replace(folder, 'F')), losesRead: lockout.losesRead, losesWrite: lockout.losesWrite };
}

interface Row {
  name: string;
  next: () => Acl;
  expected: () => Verdict;
}

/** The folder and its two files as the rule sees them before the change (see makeFolder). */
function recursiveChanges(folder: string, next: Acl): AclChange[] {
  const shared = acl([w.demoUser, w.otherUser], [w.demoUser, w.otherUser]);
  const file = (name: string, createdBy: string): AclChange => ({ label: `"${name}"`, createdBy, before: emptyAcl(), after: next, folder: { before: shared, after: next } });
  return [{ label: `folder "${folder}"`, createdBy: w.demoUser, before: shared, after: next }, file('mine.jpg', w.demoUser), file('theirs.jpg', w.otherUser)];
}

const recursiveRows: Row[] = [
  {
    name: 'a list naming me keeps all my access',
    next: () => acl([w.demoUser], [w.demoUser]),
    expected: () => null,
  },
  {
    // Empty lists: the folder is then its creator's (mine), and a file without a list follows it, which leaves a file
    // to its own creator: theirs.jpg shuts me out although the folder stays mine.
    name: 'cleared lists keep the folder mine but lock me out of a file someone else created',
    next: () => emptyAcl(),
    expected: () => ({ items: ['"theirs.jpg"'], losesRead: true, losesWrite: true }),
  },
  {
    name: 'a list naming only the other user locks me out of everything',
    next: () => acl([w.otherUser], [w.otherUser]),
    expected: () => ({ items: ['folder "F"', '"mine.jpg"', '"theirs.jpg"'], losesRead: true, losesWrite: true }),
  },
  {
    name: 'a list that keeps my reading but gives writing away loses write only',
    next: () => acl([w.demoUser, w.otherUser], [w.otherUser]),
    expected: () => ({ items: ['folder "F"', '"mine.jpg"', '"theirs.jpg"'], losesRead: false, losesWrite: true }),
  },
];

function cliListArgs(next: Acl): string[] {
  return ['--read-users', next.readUsers.join(','), '--read-apps', next.readApps.join(','), '--write-users', next.writeUsers.join(','), '--write-apps', next.writeApps.join(',')];
}

/** The CLI's verdict: exit 2 with the lock-out in its --json error, or a save (exit 0). */
async function cliVerdict(args: string[], folder: string): Promise<Verdict> {
  const result = await run(['library', 'acl', 'set', ...args, '--json', '--data-dir', cliDataDir]);
  if (result.code === 0) return null;
  expect(result.code, result.stderr).toBe(2);
  const error = (result.json() as { error: { details?: unknown } }).error;
  const lockout = lockoutOf(error.details);
  expect(lockout, result.stdout).toBeDefined();
  return verdict(lockout, folder);
}

describe('a folder and every file in it get one list: the rule, the app, the editor and the CLI agree', () => {
  for (const row of recursiveRows) {
    it(row.name, async () => {
      const next = row.next();
      const expected = row.expected();

      const ruleFolder = w.folder('rule');
      expect(verdict(findLockout({ userId: w.demoUser, appId: w.demoApp }, recursiveChanges(ruleFolder, next)), ruleFolder)).toEqual(expected);

      const appFolder = await makeFolder('app');
      const answer = await w.call('library.applyAcl', { accountId: w.accountId, to: { kind: 'folderAndFiles', folder: appFolder }, acl: next });
      if (answer.ok) expect(expected).toBeNull();
      else {
        expect(answer.error.code, answer.error.message).toBe('conflict');
        expect(verdict(lockoutOf(answer.error.details), appFolder)).toEqual(expected);
        // The editor shows the refusal from this detail, not from the message's words.
        expect(refusedLockoutWarning({ ...answer.error.details })).toBe(answer.error.message.replace(/ Confirm that you want this.*$/, ''));
        expect(refusedLockoutWarning(undefined)).toBeNull();
      }

      const cliFolder = await makeFolder('cli');
      expect(await cliVerdict([cliFolder, ...cliListArgs(next), '--recursive'], cliFolder)).toEqual(expected);
    });
  }
});

describe('one file gets a list: the rule, the app, the editor and the CLI agree', () => {
  const rows: Row[] = [
    // The file's list emptied: it follows the folder again, which lets me in.
    { name: "emptying theirs.jpg's list makes it follow the folder, which lets me in", next: () => emptyAcl(), expected: () => null },
    { name: 'giving theirs.jpg to the other user alone locks me out of it', next: () => acl([w.otherUser], [w.otherUser]), expected: () => ({ items: ['X'], losesRead: true, losesWrite: true }) },
    { name: 'keeping my reading of theirs.jpg but not my writing loses write only', next: () => acl([w.demoUser], [w.otherUser]), expected: () => ({ items: ['X'], losesRead: false, losesWrite: true }) },
  ];
  /** Single-target verdicts name the item differently ("this", or its path): only the count and losses compare. */
  const shape = (v: Verdict): Verdict => (v ? { ...v, items: v.items.map(() => 'X') } : null);
  const shared = () => acl([w.demoUser, w.otherUser], [w.demoUser, w.otherUser]);

  for (const row of rows) {
    it(row.name, async () => {
      const next = row.next();
      const expected = row.expected();
      const change: AclChange = { label: 'this', createdBy: w.otherUser, before: emptyAcl(), after: next, folder: { before: shared(), after: shared() } };
      const me = { userId: w.demoUser, appId: w.demoApp };
      expect(shape(verdict(findLockout(me, [change]), ''))).toEqual(expected);
      expect(shape(verdict(draftLockout(me, { kind: 'one', state: { createdBy: w.otherUser, acl: emptyAcl() }, folderAcl: shared() }, next), ''))).toEqual(expected);

      const appFolder = await makeFolder('app-one');
      const answer = await w.call('library.putAcl', { accountId: w.accountId, target: { folder: appFolder, file: 'theirs.jpg' }, acl: next });
      if (answer.ok) expect(expected).toBeNull();
      else {
        expect(answer.error.code, answer.error.message).toBe('conflict');
        expect(shape(verdict(lockoutOf(answer.error.details), appFolder))).toEqual(expected);
      }

      const cliFolder = await makeFolder('cli-one');
      expect(shape(await cliVerdict([`${cliFolder}/theirs.jpg`, ...cliListArgs(next)], cliFolder))).toEqual(expected);
    });
  }
});

it('the editor warns of the files it shows by the same rule', () => {
  const me = { userId: 'me', appId: 'app' };
  const files = [
    { name: 'a.jpg', createdBy: 'me', acl: emptyAcl() },
    { name: 'b.jpg', createdBy: 'them', acl: emptyAcl() },
  ];
  const lockout = draftLockout(me, { kind: 'files', files, folderAcl: null }, acl(['them'], ['them']));
  expect(lockout).toMatchObject({ items: ['"a.jpg"'], total: 2, losesRead: true, losesWrite: true });
  expect(draftLockout(me, { kind: 'files', files, folderAcl: null }, acl(['me'], ['me']))).toBeNull();
});


