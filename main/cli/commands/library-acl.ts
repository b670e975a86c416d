// `library acl get` and `library acl set`: who may read and write a folder or a file, in the words the app's
// editor uses, and changes that refuse to lock the caller out unless told to (--force).
import { z } from 'zod';
import {
  findLockout,
  hasOwnAcl,
  knownPrincipals,
  lockoutMessage,
  presetEveryoneInDomain,
  presetOnlyMe,
  presetOnlyThroughApp,
  summarizeAcl,
  emptyAcl,
  type Acl,
  type AclChange,
} from '../../common/library-acl.js';
import { applyAclToMany, type LibraryClient, type LibraryItemInfo, type LibraryTarget } from '../../providers/library/index.js';
import type { ChosenAccount } from '../accounts.js';
import { commaList, parseWith, UsageError } from '../argv.js';
import { defineCommand, firstFailure, type CommandContext } from '../command.js';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes.js';
import { idList, printable } from '../format.js';
import { idNamer } from '../address-names.js';
import { describeTarget, libraryClient, targetSchema, targetText } from './library-shared.js';
import { argsOf } from './shared.js';

interface AclView {
  target: string;
  id: string;
  createdBy: string | null;
  createdWith: string | null;
  createdOn: string | null;
  /** False for a file that follows its folder. */
  ownAcl: boolean;
  acl: Acl;
  /** The ACL that decides access: the item's own, else (for a file) its folder's. */
  effectiveAcl: Acl | null;
  summary: { read: string; write: string };
}

/** Reads an item's ACL, and its folder's when it is a file (a file without its own ACL follows the folder). */
async function readAcl(client: LibraryClient, target: LibraryTarget, signal: AbortSignal): Promise<{ info: LibraryItemInfo; folderAcl: Acl | null }> {
  const info = await client.getAcl(target, { signal });
  const folderAcl = target.file === undefined ? null : (await client.getAcl({ folder: target.folder }, { signal })).acl;
  return { info, folderAcl };
}

function view(target: LibraryTarget, info: LibraryItemInfo, folderAcl: Acl | null): AclView {
  const own = hasOwnAcl(info.acl);
  // Four empty lists on a folder mean "creator only"; on a file, "follow the folder".
  const effective = own || target.file === undefined ? info.acl : folderAcl;
  return {
    target: targetText(target),
    id: info.id,
    createdBy: info.createdBy ?? null,
    createdWith: info.createdWith ?? null,
    createdOn: info.createdOn ?? null,
    ownAcl: own,
    acl: info.acl,
    effectiveAcl: effective,
    summary: summarizeAcl(effective, info.createdBy),
  };
}

/** The view as text; ids the address book names are said "Name (id)" (the --json document keeps bare ids). */
async function printView(ctx: CommandContext, target: LibraryTarget, v: AclView): Promise<void> {
  const name = await idNamer(ctx);
  const created = [v.createdBy ? `by ${name(v.createdBy)}` : '', v.createdWith ? `with ${name(v.createdWith)}` : '', v.createdOn ? `on ${v.createdOn}` : ''].filter(Boolean).join(' ');
  ctx.out.line(`${describeTarget(target)}${created ? `, created ${printable(created)}` : ''}`);
  if (target.file !== undefined && !v.ownAcl) ctx.out.line(`It has no access list of its own and follows folder "${target.folder}":`);
  const shown = v.effectiveAcl ?? emptyAcl();
  ctx.out.line(`  read users:  ${printable(idList(shown.readUsers.map(name)))}`);
  ctx.out.line(`  read apps:   ${printable(idList(shown.readApps.map(name)))}`);
  ctx.out.line(`  write users: ${printable(idList(shown.writeUsers.map(name)))}`);
  ctx.out.line(`  write apps:  ${printable(idList(shown.writeApps.map(name)))}`);
  const said = summarizeAcl(v.effectiveAcl, v.createdBy, name);
  ctx.out.line(printable(said.read));
  ctx.out.line(printable(said.write));
}

export const libraryAclGet = defineCommand({
  words: ['library', 'acl', 'get'],
  summary: 'Show who can read and write a folder or a file',
  usage: '[--account NAME] FOLDER[/FILE]',
  description: [
    'Prints the four lists (read users, read apps, write users, write apps) and what they mean. A file without an',
    'access list of its own follows its folder\'s, which is then shown.',
    'JSON: {target, id, createdBy, createdWith, createdOn, ownAcl, acl, effectiveAcl, summary: {read, write}}.',
  ],
  account: 'library',
  parse: (line) => parseWith(z.object({ positionals: z.array(targetSchema).length(1, 'Give exactly one FOLDER or FOLDER/FILE.') }), argsOf(line)),
  async run(ctx, args) {
    const target = args.positionals[0]!;
    const { client } = await libraryClient(ctx);
    const { info, folderAcl } = await readAcl(client, target, ctx.signal);
    const v = view(target, info, folderAcl);
    await printView(ctx, target, v);
    return { json: v };
  },
});

const PRESETS = ['only-me', 'everyone-in-domain', 'only-this-app', 'clear'] as const;
type Preset = (typeof PRESETS)[number];

const setSchema = z
  .object({
    positionals: z.array(targetSchema).length(1, 'Give exactly one FOLDER or FOLDER/FILE.'),
    preset: z.enum(PRESETS, { error: `--preset must be one of ${PRESETS.join(', ')}.` }).optional(),
    'read-users': commaList.optional(),
    'read-apps': commaList.optional(),
    'write-users': commaList.optional(),
    'write-apps': commaList.optional(),
    recursive: z.boolean().default(false),
    force: z.boolean().default(false),
  })
  .refine(
    (a) => a.preset !== undefined || a['read-users'] !== undefined || a['read-apps'] !== undefined || a['write-users'] !== undefined || a['write-apps'] !== undefined,
    { message: 'Say what to set: --preset, or one or more of --read-users, --read-apps, --write-users, --write-apps.', path: ['positionals'] },
  )
  .refine((a) => !a.recursive || a.positionals[0]?.file === undefined, { message: '--recursive applies to a FOLDER, not a file.', path: ['positionals'] });
type SetArgs = z.output<typeof setSchema>;

async function presetAcl(preset: Preset, client: LibraryClient, account: ChosenAccount<'library'>, target: LibraryTarget, signal: AbortSignal): Promise<Acl> {
  const { userId, appId } = account.config;
  switch (preset) {
    case 'only-me':
      return presetOnlyMe(userId);
    case 'only-this-app':
      return presetOnlyThroughApp(appId);
    case 'clear':
      return emptyAcl();
    case 'everyone-in-domain': {
      // The protocol has no "everyone": the preset names every user seen in the listings (the app does the same).
      const folders = await client.listFolders({ signal });
      const files = (await client.getFolder(target.folder, { signal })).files;
      return presetEveryoneInDomain({ currentUser: userId, knownUsers: knownPrincipals([...folders, ...files]).users });
    }
  }
}

/** The new ACL: the preset (or the current lists), then each list given on the command line in place of its own. */
async function wantedAcl(args: SetArgs, current: Acl, client: LibraryClient, account: ChosenAccount<'library'>, target: LibraryTarget, signal: AbortSignal): Promise<Acl> {
  const base = args.preset ? await presetAcl(args.preset, client, account, target, signal) : current;
  return {
    readUsers: args['read-users'] ?? base.readUsers,
    readApps: args['read-apps'] ?? base.readApps,
    writeUsers: args['write-users'] ?? base.writeUsers,
    writeApps: args['write-apps'] ?? base.writeApps,
  };
}

/**
 * What the change touches, as the lock-out rule needs it: the target alone ("this"), or with --recursive the folder
 * and every file in it, each file judged by its own list or, without one, by the folder's new list (as the app does).
 */
async function changesOf(
  client: LibraryClient,
  target: LibraryTarget,
  info: LibraryItemInfo,
  folderAcl: Acl | null,
  next: Acl,
  recursive: boolean,
  signal: AbortSignal,
): Promise<{ changes: AclChange[]; targets: LibraryTarget[] }> {
  const item: AclChange = { label: recursive ? `folder "${target.folder}"` : 'this', createdBy: info.createdBy, before: info.acl, after: next };
  if (target.file !== undefined) item.folder = { before: folderAcl, after: folderAcl };
  if (!recursive) return { changes: [item], targets: [target] };
  const { files } = await client.getFolder(target.folder, { signal });
  const changes = [item, ...files.map((file): AclChange => ({ label: `"${file.name}"`, createdBy: file.createdBy, before: file.acl, after: next, folder: { before: info.acl, after: next } }))];
  return { changes, targets: [{ folder: target.folder }, ...files.map((file) => ({ folder: target.folder, file: file.name }))] };
}

export const libraryAclSet = defineCommand({
  words: ['library', 'acl', 'set'],
  summary: 'Change who can read and write a folder or a file',
  usage: '[--account NAME] FOLDER[/FILE] [--preset P] [--read-users a,b] [--read-apps ...] [--write-users ...] [--write-apps ...]',
  description: [
    'Lists not given keep their current value; an empty value (--write-apps "") empties that list. A preset sets all',
    'four first, and lists given with it replace the preset\'s:',
    '  only-me             read and write for this account\'s user alone, through any application',
    '  everyone-in-domain  every user seen in the domain\'s listings, through any application',
    '  only-this-app       every user, but only through this account\'s application',
    '  clear               no lists: a folder is then for its creator only, a file follows its folder',
    'A change that would take read or write access away from this account\'s user is refused (exit 2) unless --force;',
    'with --recursive, every file is checked too, by its own list or (without one) the folder\'s new list.',
    'With --recursive, the folder\'s new ACL is also set on every file in it (files first, so the folder\'s change',
    'cannot lock you out half-way); each target\'s result is reported.',
    'JSON: the saved ACL as "library acl get" gives it; with --recursive {"acl": {...}, "results": [{target, ok, error?}]}.',
  ],
  account: 'library',
  options: {
    preset: { type: 'string', value: 'P', help: `start from a preset: ${PRESETS.join(', ')}` },
    'read-users': { type: 'string', value: 'a,b', help: 'users who may read (comma-separated; "" for none)' },
    'read-apps': { type: 'string', value: 'a,b', help: 'applications through which reading is allowed' },
    'write-users': { type: 'string', value: 'a,b', help: 'users who may write' },
    'write-apps': { type: 'string', value: 'a,b', help: 'applications through which writing is allowed' },
    recursive: { type: 'boolean', help: 'also set the folder\'s new ACL on every file in it' },
    force: { type: 'boolean', help: 'save even if it locks this account\'s user out' },
  },
  parse: (line) => parseWith(setSchema, argsOf(line)),
  async run(ctx, args) {
    const target = args.positionals[0]!;
    const { client, account } = await libraryClient(ctx);
    const { info, folderAcl } = await readAcl(client, target, ctx.signal);
    const next = await wantedAcl(args, info.acl, client, account, target, ctx.signal);
    const { changes, targets } = await changesOf(client, target, info, folderAcl, next, args.recursive, ctx.signal);
    const lockout = findLockout(account.config, changes);
    if (lockout && !args.force) throw new UsageError(`${lockoutMessage(lockout)} Add --force to save it anyway.`, { lockout });

    if (args.recursive) {
      const outcomes = await applyAclToMany(client, targets, next, { signal: ctx.signal });
      const codes: Array<ExitCode | undefined> = [];
      const results = outcomes.map((outcome) => {
        if (outcome.ok) {
          ctx.out.line(`Saved the access list of ${describeTarget(outcome.target)}.`);
          return { target: targetText(outcome.target), ok: true };
        }
        const exitCode = exitCodeFor(outcome.error);
        ctx.out.warn(`${describeTarget(outcome.target)}: ${outcome.error.message}`);
        codes.push(exitCode);
        return { target: targetText(outcome.target), ok: false, error: outcome.error, exitCode };
      });
      const exit = ctx.signal.aborted ? EXIT.cancelled : firstFailure(codes);
      return { json: { acl: next, results }, ...(exit !== undefined ? { exit } : {}) };
    }

    // A server may apply an ACL later (202) without echoing it: the saved state is then read back.
    const saved = (await client.putAcl(target, next, { signal: ctx.signal })) ?? (await client.getAcl(target, { signal: ctx.signal }));
    const v = view(target, saved, folderAcl);
    await printView(ctx, target, v);
    return { json: v };
  },
});
