// What the media library commands share: the client for the chosen account, and targets written FOLDER or
// FOLDER/FILE on the command line (ids cannot hold a slash, so the split is never ambiguous).
import { z } from 'zod';
import { libraryIdProblem } from '../../common/library-ids.js';
import { LibraryClient, type LibraryTarget } from '../../providers/library/index.js';
import type { ChosenAccount } from '../accounts.js';
import type { CommandContext } from '../command.js';
import { libraryConnectionFor } from '../../app/connections.js';

export async function libraryClient(ctx: CommandContext): Promise<{ client: LibraryClient; account: ChosenAccount<'library'> }> {
  const account = await ctx.account('library');
  const client = new LibraryClient(libraryConnectionFor(account.config, await ctx.secret(account)));
  return { client, account };
}

function idIssue(id: string, what: string): string | undefined {
  const problem = libraryIdProblem(id);
  return problem ? `The ${what} ${JSON.stringify(id.slice(0, 60))} cannot be used: ${problem}.` : undefined;
}

/** "Folder" or "Folder/" -> the folder; "Folder/file" -> the file; anything else is a usage error. */
export const targetSchema = z.string().transform((text, ctx): LibraryTarget => {
  const trimmed = text.endsWith('/') ? text.slice(0, -1) : text;
  const parts = trimmed.split('/');
  if (parts.length > 2) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not FOLDER or FOLDER/FILE: the media library has no sub-folders.` });
    return z.NEVER;
  }
  const [folder = '', file] = parts;
  const problem = idIssue(folder, 'folder name') ?? (file !== undefined ? idIssue(file, 'file name') : undefined);
  if (problem) {
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  }
  return file === undefined ? { folder } : { folder, file };
});

export const folderSchema = z.string().superRefine((text, ctx) => {
  const problem = idIssue(text, 'folder name');
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export function targetText(target: LibraryTarget): string {
  return target.file === undefined ? target.folder : `${target.folder}/${target.file}`;
}

export function describeTarget(target: LibraryTarget): string {
  return target.file === undefined ? `folder "${target.folder}"` : `file "${target.folder}/${target.file}"`;
}
