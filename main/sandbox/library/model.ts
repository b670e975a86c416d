// The media library's records: how they are kept on disk (validated when read back), how they are shown on the
// wire, and the ACL body a client sends.
import { z } from 'zod';
import { idProblem } from './ids.js';
import type { AclLists } from './access.js';

const idString = z.string().refine((id) => idProblem(id) === null, { message: 'not a valid id' });

const aclShape = {
  readUsers: z.array(idString),
  readApps: z.array(idString),
  writeUsers: z.array(idString),
  writeApps: z.array(idString),
};

const entityMetaSchema = z.object({
  id: idString,
  createdWith: z.string(),
  createdBy: z.string(),
  createdOn: z.string(),
  ...aclShape,
});
export type EntityMeta = z.infer<typeof entityMetaSchema>;

const voicemailSchema = z.object({ dest: z.string(), startTime: z.string() });

const fileRecordSchema = entityMetaSchema.extend({
  size: z.number().int().nonnegative(),
  /** Random name of the content under blobs/, null until content is uploaded. */
  blob: z.string().regex(/^[0-9a-f]{32}$/).nullable(),
  /** Sniffed from the content's bytes (application/octet-stream when unknown). */
  mediaType: z.string(),
  voicemail: voicemailSchema.optional(),
});
export type FileRecord = z.infer<typeof fileRecordSchema>;

const folderMetaSchema = entityMetaSchema.extend({ voicemail: z.boolean().optional() });

export const folderDocumentSchema = z.object({
  version: z.literal(1),
  domain: idString,
  folder: folderMetaSchema,
  files: z.array(fileRecordSchema),
  /** The last journal entry this document contains: entries up to it are skipped when the journal is replayed. */
  journalSeq: z.number().int().nonnegative().optional(),
});
export type FolderDocument = z.infer<typeof folderDocumentSchema>;

/** One line of a folder's journal: a file's whole record as it now is, a file gone, or the folder's metadata. */
export const journalEntrySchema = z.union([
  z.strictObject({ seq: z.number().int().positive(), file: fileRecordSchema }),
  z.strictObject({ seq: z.number().int().positive(), deleted: idString }),
  z.strictObject({ seq: z.number().int().positive(), folder: folderMetaSchema }),
]);
export type JournalEntry = z.infer<typeof journalEntrySchema>;

export interface FolderRecord {
  domain: string;
  meta: EntityMeta & { voicemail?: boolean };
  files: Map<string, FileRecord>;
}

export function aclOf(meta: AclLists): AclLists {
  return { readUsers: meta.readUsers, readApps: meta.readApps, writeUsers: meta.writeUsers, writeApps: meta.writeApps };
}

/** Well-formed JSON with the plural ACL keys, in the document's property order. */
export function folderEntry(folder: FolderRecord): Record<string, unknown> {
  const m = folder.meta;
  return {
    id: m.id,
    createdWith: m.createdWith,
    createdBy: m.createdBy,
    createdOn: m.createdOn,
    readUsers: [...m.readUsers],
    readApps: [...m.readApps],
    writeUsers: [...m.writeUsers],
    writeApps: [...m.writeApps],
  };
}

export function fileEntry(folder: FolderRecord, file: FileRecord): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    id: `${folder.meta.id}/${file.id}`,
    createdWith: file.createdWith,
    createdBy: file.createdBy,
    createdOn: file.createdOn,
    readUsers: [...file.readUsers],
    readApps: [...file.readApps],
    writeUsers: [...file.writeUsers],
    writeApps: [...file.writeApps],
    size: file.size,
  };
  if (file.voicemail) {
    entry.dest = file.voicemail.dest;
    entry.startTime = file.voicemail.startTime;
  }
  return entry;
}

// The document's samples write the ACL keys both plural (readUsers) and singular (readUser): accept either, but
// not both for the same list, and nothing else.
const aclInputSchema = z
  .strictObject({
    readUsers: z.array(idString).optional(),
    readUser: z.array(idString).optional(),
    readApps: z.array(idString).optional(),
    readApp: z.array(idString).optional(),
    writeUsers: z.array(idString).optional(),
    writeUser: z.array(idString).optional(),
    writeApps: z.array(idString).optional(),
    writeApp: z.array(idString).optional(),
  })
  .superRefine((value, ctx) => {
    for (const plural of ['readUsers', 'readApps', 'writeUsers', 'writeApps'] as const) {
      const singular = plural.slice(0, -1) as 'readUser';
      if (value[plural] !== undefined && value[singular] !== undefined) {
        ctx.addIssue({ code: 'custom', message: `give either "${plural}" or "${singular}", not both`, path: [singular] });
      }
    }
  });

/** A PUT replaces the whole ACL: a list left out becomes empty. Duplicates are dropped. */
export function parseAclInput(value: unknown): { ok: true; acl: AclLists } | { ok: false; message: string } {
  const parsed = aclInputSchema.safeParse(value);
  if (!parsed.success) return { ok: false, message: describeIssues(parsed.error) };
  const v = parsed.data;
  const unique = (list: string[] | undefined): string[] => [...new Set(list ?? [])];
  return {
    ok: true,
    acl: {
      readUsers: unique(v.readUsers ?? v.readUser),
      readApps: unique(v.readApps ?? v.readApp),
      writeUsers: unique(v.writeUsers ?? v.writeUser),
      writeApps: unique(v.writeApps ?? v.writeApp),
    },
  };
}

/** The body of POST /media/{domain} and POST /media/{domain}/{folder}: `{"id": "…"}`. */
export const createBodySchema = z.strictObject({ id: z.string() });

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
