// `library acl get` and `library acl set`: who may read and write a folder or a file, in the words the app's
// editor uses, and changes that refuse to lock the caller out unless told to (--force).
import { z } from 'zod';
import {
  findLockout,
  hasOwnAcl,
  knownPrincipals,
  lockoutLabel,
  lockoutPhrase,
  presetEveryoneInDomain,
  presetOnlyMe,
  presetOnlyThroughApp,
  summarizeAcl,
  summarizeAclPhrases,
  emptyAcl,
  type Acl,
  type AclChange,
} from '../../common/library-acl.js';
import { applyAclToMany, type LibraryClient, type LibraryItemInfo, type LibraryTarget } from '../../providers/library/index.js';
import type { ChosenAccount } from '../accounts.js';
import { phrase } from '../../common/i18n/phrase.js';
import { commaList, issue, parseWith, UsageError } from '../argv.js';
import { defineCommand, firstFailure, type CommandContext } from '../command.js';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes.js';
import { idList, printable } from '../format.js';
import { idNamer } from '../address-names.js';
import { errorJson } from '../json.js';
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
  const { say, said } = ctx.words;
  // Each part is a labelled item ("by X", 「作成者：X」), listed with the language's separator.
  const created = [
    v.createdBy ? say('cli:acl.createdBy', { name: name(v.createdBy) }) : '',
    v.createdWith ? say('cli:acl.createdWith', { name: name(v.createdWith) }) : '',
    v.createdOn ? say('cli:acl.createdOn', { date: v.createdOn }) : '',
  ]
    .filter(Boolean)
    .join(say('cli:acl.createdSeparator'));
  const targetName = said(describeTarget(target));
  ctx.out.line(created ? say('cli:acl.headingCreated', { target: targetName, created: printable(created) }) : targetName);
  if (target.file !== undefined && !v.ownAcl) ctx.out.line(say('cli:acl.followsFolder', { folder: target.folder }));
  const shown = v.effectiveAcl ?? emptyAcl();
  const ids = (list: readonly string[]): string => printable(idList(ctx.words, list.map(name)));
  ctx.out.line(say('cli:acl.readUsers', { ids: ids(shown.readUsers) }));
  ctx.out.line(say('cli:acl.readApps', { ids: ids(shown.readApps) }));
  ctx.out.line(say('cli:acl.writeUsers', { ids: ids(shown.writeUsers) }));
  ctx.out.line(say('cli:acl.writeApps', { ids: ids(shown.writeApps) }));
  // The summary's sentences are main/common's (library-acl-summary.ts), the window's too; --json keeps the English.
  const summary = summarizeAclPhrases(v.effectiveAcl, v.createdBy, name);
  ctx.out.line(printable(said(summary.read)));
  ctx.out.line(printable(said(summary.write)));
}

export const libraryAclGet = defineCommand({
  words: ['library', 'acl', 'get'],
  summary: 'cli:acl.get.summary',
  usage: '[--account NAME] FOLDER[/FILE]',
  description: 'cli:acl.get.description',
  account: 'library',
  parse: (line) => parseWith(z.object({ positionals: z.array(targetSchema).length(1, issue('cli:acl.oneTarget')) }), argsOf(line)),
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
    positionals: z.array(targetSchema).length(1, issue('cli:acl.oneTarget')),
    preset: z.enum(PRESETS, { error: issue('cli:usage.oneOf', { option: '--preset', choices: PRESETS.join(', ') }) }).optional(),
    'read-users': commaList.optional(),
    'read-apps': commaList.optional(),
    'write-users': commaList.optional(),
    'write-apps': commaList.optional(),
    recursive: z.boolean().default(false),
    force: z.boolean().default(false),
  })
  .refine(
    (a) => a.preset !== undefined || a['read-users'] !== undefined || a['read-apps'] !== undefined || a['write-users'] !== undefined || a['write-apps'] !== undefined,
    { message: issue('cli:acl.set.nothingToSet'), path: ['positionals'] },
  )
  .refine((a) => !a.recursive || a.positionals[0]?.file === undefined, { message: issue('cli:acl.set.recursiveFolderOnly'), path: ['positionals'] });
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
  const item: AclChange = { label: recursive ? lockoutLabel.folder(target.folder) : lockoutLabel.this, createdBy: info.createdBy, before: info.acl, after: next };
  if (target.file !== undefined) item.folder = { before: folderAcl, after: folderAcl };
  if (!recursive) return { changes: [item], targets: [target] };
  const { files } = await client.getFolder(target.folder, { signal });
  const changes = [item, ...files.map((file): AclChange => ({ label: lockoutLabel.file(file.name), createdBy: file.createdBy, before: file.acl, after: next, folder: { before: info.acl, after: next } }))];
  return { changes, targets: [{ folder: target.folder }, ...files.map((file) => ({ folder: target.folder, file: file.name }))] };
}

export const libraryAclSet = defineCommand({
  words: ['library', 'acl', 'set'],
  summary: 'cli:acl.set.summary',
  usage: '[--account NAME] FOLDER[/FILE] [--preset P] [--read-users a,b] [--read-apps ...] [--write-users ...] [--write-apps ...]',
  description: 'cli:acl.set.description',
  account: 'library',
  options: {
    preset: { type: 'string', value: 'P', help: 'cli:acl.set.option.preset' },
    'read-users': { type: 'string', value: 'a,b', help: 'cli:acl.set.option.readUsers' },
    'read-apps': { type: 'string', value: 'a,b', help: 'cli:acl.set.option.readApps' },
    'write-users': { type: 'string', value: 'a,b', help: 'cli:acl.set.option.writeUsers' },
    'write-apps': { type: 'string', value: 'a,b', help: 'cli:acl.set.option.writeApps' },
    recursive: { type: 'boolean', help: 'cli:acl.set.option.recursive' },
    force: { type: 'boolean', help: 'cli:acl.set.option.force' },
  },
  parse: (line) => parseWith(setSchema, argsOf(line)),
  async run(ctx, args) {
    const target = args.positionals[0]!;
    const { client, account } = await libraryClient(ctx);
    const { info, folderAcl } = await readAcl(client, target, ctx.signal);
    const next = await wantedAcl(args, info.acl, client, account, target, ctx.signal);
    const { changes, targets } = await changesOf(client, target, info, folderAcl, next, args.recursive, ctx.signal);
    const lockout = findLockout(account.config, changes);
    if (lockout && !args.force) throw new UsageError(phrase('cli:acl.set.lockout', { said: lockoutPhrase(lockout) }), { lockout });

    if (args.recursive) {
      const outcomes = await applyAclToMany(client, targets, next, { signal: ctx.signal });
      const codes: Array<ExitCode | undefined> = [];
      const results = outcomes.map((outcome) => {
        if (outcome.ok) {
          ctx.out.line(ctx.words.say('cli:acl.set.saved', { target: describeTarget(outcome.target) }));
          return { target: targetText(outcome.target), ok: true };
        }
        const exitCode = exitCodeFor(outcome.error);
        ctx.out.warn(ctx.words.say('cli:item.failed', { item: describeTarget(outcome.target), message: ctx.words.sayError(outcome.error) }));
        codes.push(exitCode);
        return { target: targetText(outcome.target), ok: false, error: errorJson(outcome.error), exitCode };
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
