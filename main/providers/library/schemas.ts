// What the media library answers, parsed at the point it arrives. Tolerant of what real servers do (extra fields,
// missing optional fields, null for absent, singular ACL keys, a bare object where a list was expected, sizes as
// digit strings); strict about what would mislead (wrong types, bad dates, unsafe names).
import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { phrase, type Phrase } from '../../common/i18n/phrase.js';
import { issuePhrase } from '../../common/validation-messages.js';
import { cleanIdList, normalizeAcl, type Acl } from '../../common/library-acl.js';
import { libraryIdProblemPhrase } from '../../common/library-ids.js';

export interface LibraryItemInfo {
  /** The id as the server gives it: "folder" for a folder, "folder/file" for a file. */
  id: string;
  /** Application id used to create it. */
  createdWith?: string;
  /** User id (GUID) of its creator. */
  createdBy?: string;
  /** ISO 8601, as sent. */
  createdOn?: string;
  /** Four empty lists when the server names none (for a file: it follows its folder). */
  acl: Acl;
}

export interface LibraryFolder extends LibraryItemInfo {
  name: string;
}

export interface LibraryFile extends LibraryItemInfo {
  folder: string;
  name: string;
  size?: number;
  /** Voicemail entries: the destination called and when the call started. */
  dest?: string;
  startTime?: string;
}

export interface LibraryFolderDetails {
  folder: LibraryFolder;
  files: LibraryFile[];
}

/** What a message about a bad answer names: the server and the thing asked for. */
export interface AnswerContext {
  host: string;
  what: Phrase;
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})?)?$/;

/** The form servers send almost always (UTC, whole or fractional seconds): Date.parse reads it as is. */
const ISO_8601_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;
/** Listings repeat the same instant for files made together; the last date found good is not checked again. */
let lastGoodDate = '';

function isIso8601(value: string): boolean {
  if (value === lastGoodDate) return true;
  const good = ISO_8601_UTC.test(value)
    ? !Number.isNaN(Date.parse(value))
    : ISO_8601.test(value) && !Number.isNaN(Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')));
  if (good) lastGoodDate = value;
  return good;
}

/** An optional field: null and absent are the same thing. */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

const entrySchema = z.looseObject({
  id: optional(z.string()),
  createdWith: optional(z.string()),
  createdBy: optional(z.string()),
  createdOn: optional(z.string().refine(isIso8601, 'expected an ISO 8601 date')),
  size: optional(
    z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, 'expected a size in bytes').transform(Number)]),
  ),
  dest: optional(z.string()),
  startTime: optional(z.string().refine(isIso8601, 'expected an ISO 8601 date')),
});
type Entry = z.infer<typeof entrySchema> & { acl: Acl };

const wrapperSchema = z.looseObject({
  entry: optional(z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())])),
});

function badShape(ctx: AnswerContext, detail: Phrase): AppError {
  return new AppError('protocol', phrase('errors:library.badShape', { host: ctx.host, what: ctx.what, detail }));
}

function describeIssue(error: z.ZodError, prefix: string): Phrase {
  const issue = error.issues[0];
  const path = [prefix, ...(issue?.path ?? []).map(String)].filter(Boolean).join('.');
  return phrase('errors:library.shape.issue', { path: path || phrase('errors:library.shape.theAnswer'), reason: issuePhrase(issue) });
}

const STRING_FIELDS = ['id', 'createdWith', 'createdBy', 'dest'] as const;
const DATE_FIELDS = ['createdOn', 'startTime'] as const;

/** An ACL list as normalizeAcl reads it, or undefined when it is not a plain list of strings (or absent). */
function quickList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return undefined;
  for (const item of value) if (typeof item !== 'string') return undefined;
  return value as string[];
}

/**
 * Both spellings of one list merged as normalizeAcl merges them. An empty list is the parsed answer's own empty
 * array, which nothing else holds: a listing of 10,000 files does not make 40,000 new ones.
 */
function mergedList(plural: string[], singular: readonly string[]): string[] {
  if (plural.length === 0 && singular.length === 0) return plural;
  return cleanIdList(singular.length === 0 ? plural : [...plural, ...singular]);
}

/** The four lists of an entry of plain string lists, or undefined when any is something else. */
function quickAcl(o: Record<string, unknown>): Acl | undefined {
  const readUsers = quickList(o.readUsers);
  const readApps = quickList(o.readApps);
  const writeUsers = quickList(o.writeUsers);
  const writeApps = quickList(o.writeApps);
  const readUser = quickList(o.readUser);
  const readApp = quickList(o.readApp);
  const writeUser = quickList(o.writeUser);
  const writeApp = quickList(o.writeApp);
  if (!readUsers || !readApps || !writeUsers || !writeApps || !readUser || !readApp || !writeUser || !writeApp) return undefined;
  return {
    readUsers: mergedList(readUsers, readUser),
    readApps: mergedList(readApps, readApp),
    writeUsers: mergedList(writeUsers, writeUser),
    writeApps: mergedList(writeApps, writeApp),
  };
}

/**
 * The usual entry (strings, a whole size, ISO dates, ACL lists of strings) read by hand: the same result as
 * entrySchema + normalizeAcl, an order of magnitude faster, which a listing of 10,000 files needs. Anything else
 * returns undefined and goes through the schema, which says what is wrong.
 */
function quickEntry(raw: unknown): Entry | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const o = raw as Record<string, unknown>;
  // Unknown fields pass through, as with the loose schema.
  const entry: Record<string, unknown> = { ...o };
  for (const key of STRING_FIELDS) {
    const v = o[key];
    if (v === null) entry[key] = undefined;
    else if (v !== undefined && typeof v !== 'string') return undefined;
  }
  for (const key of DATE_FIELDS) {
    const v = o[key];
    if (v === null) entry[key] = undefined;
    else if (v !== undefined && (typeof v !== 'string' || !isIso8601(v))) return undefined;
  }
  const size = o.size;
  if (size === null) entry.size = undefined;
  else if (size !== undefined && (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)) return undefined;
  const acl = quickAcl(o);
  if (!acl) return undefined;
  entry.acl = acl;
  return entry as Entry;
}

/** A string field: the string, undefined for null or absent, INVALID for anything else. */
const INVALID = Symbol('invalid');
function quickString(v: unknown): string | undefined | typeof INVALID {
  if (typeof v === 'string') return v;
  return v === undefined || v === null ? undefined : INVALID;
}
function quickDate(v: unknown): string | undefined | typeof INVALID {
  const s = quickString(v);
  return typeof s === 'string' && !isIso8601(s) ? INVALID : s;
}

/**
 * A file entry of a listing in one pass, straight to the LibraryFile toFile would make from quickEntry's result
 * (without copying the fields it then drops): a 10,000-file listing is read in a few milliseconds. Undefined for
 * anything unusual, which then takes the checked path and its messages; an unsafe name still throws.
 */
function quickFile(raw: unknown, folder: string, ctx: AnswerContext): LibraryFile | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const o = raw as Record<string, unknown>;
  const id = o.id;
  if (typeof id !== 'string') return undefined;
  const createdWith = quickString(o.createdWith);
  const createdBy = quickString(o.createdBy);
  const dest = quickString(o.dest);
  const createdOn = quickDate(o.createdOn);
  const startTime = quickDate(o.startTime);
  if (createdWith === INVALID || createdBy === INVALID || dest === INVALID || createdOn === INVALID || startTime === INVALID) return undefined;
  const size = o.size;
  if (size !== undefined && size !== null && (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)) return undefined;
  const acl = quickAcl(o);
  if (!acl) return undefined;
  const slash = id.indexOf('/');
  const file: LibraryFile = { id, acl, folder, name: safeName(slash >= 0 ? id.slice(slash + 1) : id, ctx, 'file') };
  if (createdWith !== undefined) file.createdWith = createdWith;
  if (createdBy !== undefined) file.createdBy = createdBy;
  if (createdOn !== undefined) file.createdOn = createdOn;
  if (typeof size === 'number') file.size = size;
  if (dest !== undefined) file.dest = dest;
  if (startTime !== undefined) file.startTime = startTime;
  return file;
}

function parseEntry(raw: unknown, ctx: AnswerContext, where: string): Entry {
  const quick = quickEntry(raw);
  if (quick) return quick;
  const parsed = entrySchema.safeParse(raw);
  if (!parsed.success) throw badShape(ctx, describeIssue(parsed.error, where));
  let acl: Acl;
  try {
    acl = normalizeAcl(raw);
  } catch {
    throw badShape(ctx, phrase('errors:library.shape.aclNotList', { path: where }));
  }
  return { ...parsed.data, acl };
}

function asObject(body: unknown, ctx: AnswerContext): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badShape(ctx, phrase('errors:library.shape.notObject'));
  return body as Record<string, unknown>;
}

/** The entries of a listing: {"entry": [...]}, {"entry": {...}} (one entry) or {} (none). */
function listEntries(body: unknown, ctx: AnswerContext): unknown[] {
  const object = asObject(body, ctx);
  // The usual listing, taken as it is: the schema would copy an array of 10,000 entries to say it is an array.
  if (Array.isArray(object.entry)) return object.entry as unknown[];
  const parsed = wrapperSchema.safeParse(object);
  if (!parsed.success) throw badShape(ctx, describeIssue(parsed.error, ''));
  const entry = parsed.data.entry;
  if (entry === undefined) return [];
  return Array.isArray(entry) ? entry : [entry];
}

function info(entry: Entry, id: string): LibraryItemInfo {
  const out: LibraryItemInfo = { id, acl: entry.acl };
  if (entry.createdWith !== undefined) out.createdWith = entry.createdWith;
  if (entry.createdBy !== undefined) out.createdBy = entry.createdBy;
  if (entry.createdOn !== undefined) out.createdOn = entry.createdOn;
  return out;
}

function safeName(name: string, ctx: AnswerContext, kind: 'file' | 'folder'): string {
  const problem = libraryIdProblemPhrase(name);
  if (problem) throw badShape(ctx, phrase(kind === 'file' ? 'errors:library.shape.unsafeFile' : 'errors:library.shape.unsafeFolder', { name: JSON.stringify(name.slice(0, 60)), problem }));
  return name;
}

function toFile(entry: Entry, folder: string, ctx: AnswerContext): LibraryFile {
  // A file's id is "folder/file"; some servers send the bare name.
  const rawId = entry.id;
  if (rawId === undefined) throw badShape(ctx, phrase('errors:library.shape.fileNoId'));
  const slash = rawId.indexOf('/');
  const name = safeName(slash >= 0 ? rawId.slice(slash + 1) : rawId, ctx, 'file');
  const file: LibraryFile = { ...info(entry, rawId), folder, name };
  if (entry.size !== undefined) file.size = entry.size;
  if (entry.dest !== undefined) file.dest = entry.dest;
  if (entry.startTime !== undefined) file.startTime = entry.startTime;
  return file;
}

/** GET /media/{domain}: the folders the caller can see. */
export function parseFolderList(body: unknown, ctx: AnswerContext): LibraryFolder[] {
  return listEntries(body, ctx).map((raw, index) => {
    const entry = parseEntry(raw, ctx, `entry.${index}`);
    if (entry.id === undefined) throw badShape(ctx, phrase('errors:library.shape.entryNoId', { path: `entry.${index}` }));
    return { ...info(entry, entry.id), name: safeName(entry.id, ctx, 'folder') };
  });
}

/** GET /media/{domain}/{folder}: the folder's own properties (when sent at top level) and one entry per file. */
export function parseFolderDetails(body: unknown, folderId: string, ctx: AnswerContext): LibraryFolderDetails {
  const top = parseEntry(asObject(body, ctx), ctx, '');
  const files = listEntries(body, ctx).map((raw, index) => quickFile(raw, folderId, ctx) ?? toFile(parseEntry(raw, ctx, `entry.${index}`), folderId, ctx));
  return { folder: { ...info(top, top.id ?? folderId), name: folderId }, files };
}

/**
 * The one entry an answer about a single folder or file describes: the top-level object, or the entry (or the
 * one of several entries) whose id matches. Servers send both forms, and the document's samples wrap it in "entry".
 */
function singleEntry(body: unknown, expectedIds: readonly string[], ctx: AnswerContext): Entry {
  const object = asObject(body, ctx);
  const entries = listEntries(object, ctx).map((raw, index) => parseEntry(raw, ctx, `entry.${index}`));
  if (entries.length === 0) return parseEntry(object, ctx, '');
  const matching = entries.find((e) => e.id !== undefined && expectedIds.includes(e.id));
  if (matching) return matching;
  const only = entries[0];
  if (entries.length === 1 && only) return only;
  const expected = expectedIds[0];
  throw badShape(
    ctx,
    expected === undefined ? phrase('errors:library.shape.noneIsAsked', { count: entries.length }) : phrase('errors:library.shape.noneIs', { count: entries.length, id: expected }),
  );

}

/** GET /media/{domain}/{folder}/{file}: the file's details. */
export function parseFileDetails(body: unknown, folder: string, name: string, ctx: AnswerContext): LibraryFile {
  const entry = singleEntry(body, [`${folder}/${name}`, name], ctx);
  // The name stays the one asked for: the document's own samples answer file1 with "file1.mp3".
  return { ...toFile({ ...entry, id: entry.id ?? `${folder}/${name}` }, folder, ctx), name };
}

/** GET or PUT .../acl: the item's properties with its ACL. */
export function parseAclAnswer(body: unknown, expectedIds: readonly string[], ctx: AnswerContext): LibraryItemInfo {
  const entry = singleEntry(body, expectedIds, ctx);
  return info(entry, entry.id ?? expectedIds[0] ?? '');
}

/**
 * The body sent with PUT .../acl: well-formed JSON, plural keys, all four lists (so emptying one removes it), and
 * nothing else: the document's examples send only the lists, and strict servers refuse unknown keys.
 */
export function aclRequestBody(acl: Acl): Buffer {
  const body = { readUsers: acl.readUsers, readApps: acl.readApps, writeUsers: acl.writeUsers, writeApps: acl.writeApps };
  return Buffer.from(JSON.stringify(body), 'utf8');
}
