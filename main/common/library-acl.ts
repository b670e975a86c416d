// The media library's access rules (PROTOCOLS.md section 2, "Project choice"), as pure code: the main process uses
// it to check what it sends, the renderer's ACL editor to explain an ACL, warn before a lock-out and show a diff.
//
// The rule for one operation (read or write) and a caller (user U through application A):
//   - both lists for the operation empty  -> only the creator;
//   - otherwise (users empty or U listed) and (apps empty or A listed).
// A file with no ACL of its own follows its folder's ACL. On the wire "no ACL" and "four empty lists" look the
// same, so a file whose four lists are all empty has no ACL of its own: saving four empty lists on a file makes
// it follow its folder again, while on a folder it means "only the creator".
import { z } from 'zod';
import { AppError } from './errors.js';
import { inEnglish, phrase, type Phrase } from './i18n/phrase.js';
import { lockoutLabel, lockoutPhrase } from './library-acl-lockout.js';

export interface Acl {
  readUsers: string[];
  readApps: string[];
  writeUsers: string[];
  writeApps: string[];
}

export type AclOp = 'read' | 'write';
export type AclListName = keyof Acl;

export const ACL_LIST_NAMES: readonly AclListName[] = ['readUsers', 'readApps', 'writeUsers', 'writeApps'];

/** Anything the rules can be asked about: a folder or a file as listed by the server. */
export interface AclEntity {
  createdBy?: string | null | undefined;
  acl?: Acl | null | undefined;
}

export function emptyAcl(): Acl {
  return { readUsers: [], readApps: [], writeUsers: [], writeApps: [] };
}

/** True when at least one of the four lists names someone: the entity has an ACL of its own. */
export function hasOwnAcl(acl: Acl | null | undefined): acl is Acl {
  return !!acl && ACL_LIST_NAMES.some((name) => acl[name].length > 0);
}

// ---- normalizing what arrives (server answers, pasted lists, the renderer) ----

/** A list may arrive as an array, as one bare string (the property table says "string"), or as null. */
const idList = z
  .union([z.array(z.string()), z.string(), z.null()])
  .optional()
  .transform((value): string[] => (value === null || value === undefined ? [] : typeof value === 'string' ? [value] : value));

const aclInput = z.looseObject({
  readUsers: idList,
  readApps: idList,
  writeUsers: idList,
  writeApps: idList,
  // The document's own samples spell the keys in the singular.
  readUser: idList,
  readApp: idList,
  writeUser: idList,
  writeApp: idList,
});

/** Trims, drops empty entries and duplicates, keeping the first-seen order. */
export function cleanIdList(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const raw of ids) {
    const id = raw.trim();
    if (id) seen.add(id);
  }
  return [...seen];
}

/** True when the input names any of the ACL keys, in either spelling. */
export function mentionsAcl(input: Record<string, unknown>): boolean {
  return ['readUsers', 'readApps', 'writeUsers', 'writeApps', 'readUser', 'readApp', 'writeUser', 'writeApp'].some((key) => key in input);
}

/**
 * Turns an ACL-shaped value into an Acl: plural or singular keys (both merged when both are present), missing
 * lists empty, entries trimmed and de-duplicated; other keys are ignored. Throws 'validation' on a wrong shape.
 */
export function normalizeAcl(input: unknown): Acl {
  const parsed = aclInput.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
    throw new AppError('validation', where ? phrase('errors:library.acl.invalidAt', { where }) : phrase('errors:library.acl.invalid'), {
      field: issue?.path.join('.') ?? 'acl',
    });
  }
  const v = parsed.data;
  return {
    readUsers: cleanIdList([...v.readUsers, ...v.readUser]),
    readApps: cleanIdList([...v.readApps, ...v.readApp]),
    writeUsers: cleanIdList([...v.writeUsers, ...v.writeUser]),
    writeApps: cleanIdList([...v.writeApps, ...v.writeApp]),
  };
}

// ---- the rules ----

function listsFor(acl: Acl | null | undefined, op: AclOp): { users: string[]; apps: string[] } {
  if (!acl) return { users: [], apps: [] };
  return op === 'read' ? { users: acl.readUsers, apps: acl.readApps } : { users: acl.writeUsers, apps: acl.writeApps };
}

/** Whether user `user` working through application `app` may perform `op` on the entity. */
export function canAccess(entity: AclEntity, op: AclOp, user: string, app: string): boolean {
  const { users, apps } = listsFor(entity.acl, op);
  if (users.length === 0 && apps.length === 0) return !!entity.createdBy && entity.createdBy === user;
  return (users.length === 0 || users.includes(user)) && (apps.length === 0 || apps.includes(app));
}

/** The ACL that governs a file: its own when it has one, else its folder's (null when neither has one). */
export function effectiveAcl(file: AclEntity, folder: AclEntity | null | undefined): Acl | null {
  if (hasOwnAcl(file.acl)) return file.acl;
  return folder?.acl ?? null;
}

/** canAccess for a file, following its folder's ACL when the file has none; the creator is the file's. */
export function canAccessFile(file: AclEntity, folder: AclEntity | null | undefined, op: AclOp, user: string, app: string): boolean {
  return canAccess({ createdBy: file.createdBy, acl: effectiveAcl(file, folder) }, op, user, app);
}

// ---- lock-out: the one rule the app, the CLI and the UI decide with ----

/** Who is asking: a user working through an application. */
export interface AclCaller {
  userId: string;
  appId: string;
}

/** One item an ACL change touches, with what the rules need to tell access before and after. */
export interface AclChange {
  /** How a person names the item in a warning: `folder "x"`, `"x/y.jpg"`, or `this` (lockoutLabel makes each). */
  label: string;
  createdBy?: string | null | undefined;
  /** The item's list now; `undefined` when not known, which counts as "the caller has access now". */
  before: Acl | null | undefined;
  after: Acl;
  /** For a file: its folder's list before and after the change (a file without a list follows it). Absent for a folder. */
  folder?: { before: Acl | null | undefined; after: Acl | null | undefined };
}

/** Why a change was refused: it takes the caller's own access away. Crosses the contract as `AppError.details.lockout`. */
export interface AclLockout {
  kind: 'acl-lockout';
  userId: string;
  appId: string;
  /** The items the caller would lose read or write access to, named as in AclChange.label. */
  items: string[];
  /** How many items the change covers in all. */
  total: number;
  losesRead: boolean;
  losesWrite: boolean;
}

const aclLockoutSchema = z.object({
  kind: z.literal('acl-lockout'),
  userId: z.string(),
  appId: z.string(),
  items: z.array(z.string()),
  total: z.number().int().nonnegative(),
  losesRead: z.boolean(),
  losesWrite: z.boolean(),
});

function allowedOn(change: AclChange, acl: Acl | null | undefined, folderAcl: Acl | null | undefined, op: AclOp, me: AclCaller): boolean {
  const item = { createdBy: change.createdBy, acl };
  if (!change.folder) return canAccess(item, op, me.userId, me.appId);
  return canAccessFile(item, { acl: folderAcl ?? null }, op, me.userId, me.appId);
}

/** Which of read and write the caller has on the item now and would not have after the change. */
export function accessLost(me: AclCaller, change: AclChange): AclOp[] {
  const lost: AclOp[] = [];
  for (const op of ['read', 'write'] as const) {
    const had = change.before === undefined || allowedOn(change, change.before, change.folder?.before, op, me);
    if (had && !allowedOn(change, change.after, change.folder?.after, op, me)) lost.push(op);
  }
  return lost;
}

/** The lock-out a change of these items would cause, or null when the caller keeps all his access. */
export function findLockout(me: AclCaller, changes: readonly AclChange[]): AclLockout | null {
  const items: string[] = [];
  let losesRead = false;
  let losesWrite = false;
  for (const change of changes) {
    const lost = accessLost(me, change);
    if (lost.length === 0) continue;
    items.push(change.label);
    losesRead ||= lost.includes('read');
    losesWrite ||= lost.includes('write');
  }
  if (items.length === 0) return null;
  return { kind: 'acl-lockout', userId: me.userId, appId: me.appId, items, total: changes.length, losesRead, losesWrite };
}

/** The refusal of an unconfirmed lock-out: 'conflict', with the lock-out as a typed detail. */
export function lockoutError(lockout: AclLockout, confirmHint: Phrase): AppError {
  return new AppError('conflict', phrase('errors:library.acl.lockoutRefused', { warning: lockoutPhrase(lockout), hint: confirmHint }), { lockout });
}

/** The lock-out carried by an error's details, checked where it arrives; undefined when there is none. */
export function lockoutOf(details: unknown): AclLockout | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const parsed = aclLockoutSchema.safeParse((details as { lockout?: unknown }).lockout);
  return parsed.success ? parsed.data : undefined;
}

export interface LockoutContext {
  /** The creator of the folder or file the ACL is for: empty lists give access to him alone. */
  createdBy?: string | null;
  /** For a file: its folder's ACL, which applies again when the file's own lists are all emptied. */
  folderAcl?: Acl | null;
  /** The ACL in force now. When given, only access the caller has now and would lose is reported. */
  currentAcl?: Acl | null;
}

export interface Lockout {
  losesRead: boolean;
  losesWrite: boolean;
  /** A warning to show before saving, or null when the caller keeps his access. */
  message: string | null;
}

/** findLockout for one folder or file, named "this": whether saving `acl` takes the caller's read or write away. */
export function locksOut(acl: Acl, user: string, app: string, context: LockoutContext = {}): Lockout {
  const folderAcl = context.folderAcl;
  const change: AclChange = {
    label: lockoutLabel.this,
    createdBy: context.createdBy,
    before: context.currentAcl,
    after: acl,
    ...(folderAcl !== undefined ? { folder: { before: folderAcl, after: folderAcl } } : {}),
  };
  const lockout = findLockout({ userId: user, appId: app }, [change]);
  return { losesRead: lockout?.losesRead ?? false, losesWrite: lockout?.losesWrite ?? false, message: lockout ? inEnglish(lockoutPhrase(lockout)) : null };
}

// ---- presets ----

/** Read and write for this user alone, through any application (listing him, not relying on "creator"). */
export function presetOnlyMe(user: string): Acl {
  return { readUsers: cleanIdList([user]), readApps: [], writeUsers: cleanIdList([user]), writeApps: [] };
}

/**
 * "Everyone in the domain". The protocol has no wildcard, and empty lists mean "only the creator", so the preset
 * lists every user of the domain the app knows of (see knownPrincipals), always including the current user, for
 * read and write through any application. A user who joins the domain later is not included: the summary names
 * the users, so the admin sees exactly who is in.
 */
export function presetEveryoneInDomain(people: { currentUser: string; knownUsers: readonly string[] }): Acl {
  const users = cleanIdList([people.currentUser, ...people.knownUsers]);
  return { readUsers: users, readApps: [], writeUsers: [...users], writeApps: [] };
}

/** Every user of the application, for read and write; no one through any other application. */
export function presetOnlyThroughApp(app: string): Acl {
  return { readUsers: [], readApps: cleanIdList([app]), writeUsers: [], writeApps: cleanIdList([app]) };
}

/** The users and applications seen as creators or in the ACLs of the given entities (for the domain preset). */
export function knownPrincipals(entities: Iterable<AclEntity & { createdWith?: string | null | undefined }>): { users: string[]; apps: string[] } {
  const users: string[] = [];
  const apps: string[] = [];
  for (const entity of entities) {
    if (entity.createdBy) users.push(entity.createdBy);
    if (entity.createdWith) apps.push(entity.createdWith);
    if (entity.acl) {
      users.push(...entity.acl.readUsers, ...entity.acl.writeUsers);
      apps.push(...entity.acl.readApps, ...entity.acl.writeApps);
    }
  }
  return { users: cleanIdList(users), apps: cleanIdList(apps) };
}

// ---- diff ----

export type AclDiff = Record<AclListName, { added: string[]; removed: string[] }> & { changed: boolean };

/** What saving `after` over `before` adds to and removes from each list. */
export function diffAcl(before: Acl | null | undefined, after: Acl): AclDiff {
  const old = before ?? emptyAcl();
  const diff = { changed: false } as AclDiff;
  for (const name of ACL_LIST_NAMES) {
    const added = after[name].filter((id) => !old[name].includes(id));
    const removed = old[name].filter((id) => !after[name].includes(id));
    diff[name] = { added, removed };
    if (added.length > 0 || removed.length > 0) diff.changed = true;
  }
  return diff;
}

export { lockoutLabel, lockoutPhrase } from './library-acl-lockout.js';
export { summarizeAcl, summarizeAclPhrases, type AclReader, type AclSummary, type AclSummaryPhrases, type IdNamer } from './library-acl-summary.js';
