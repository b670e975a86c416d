// What the library lets this account do with the selected rows, from the access lists it holds (the rules are
// main/common/library-acl.ts's; this only asks them), so an action the server would refuse is disabled and
// explained instead of offered. Pure, no React.
import { canAccess, canAccessFile, effectiveAcl, hasOwnAcl, summarizeAcl, type Acl, type AclOp, type AclSummary, type IdNamer } from '../../../../main/common/library-acl';
import type { LibraryFolderInfo, LibraryWhoami } from '../../../../main/common/methods/library';
import { folderRows, nameList, type Row } from './format';

type Me = Pick<LibraryWhoami, 'userId' | 'appId'>;

/** Whether `me` may read or write a row: a file follows its folder's list when it has none of its own. */
export function mayOn(row: Row, op: AclOp, me: Me | null, folder: LibraryFolderInfo | null): boolean {
  // Until the account's ids are known, offer everything: the server still decides.
  if (!me) return true;
  if (row.kind === 'folder') return canAccess(row.item, op, me.userId, me.appId);
  return canAccessFile(row.item, folder, op, me.userId, me.appId);
}

export interface ActionState {
  enabled: boolean;
  /** Why it is disabled, in words (also shown as the button's description). */
  reason: string | null;
  /** The same reason in two parts, so refusals of one item by one list can be said in one sentence. */
  refusal?: { head: string; what: string };
}

/**
 * The reasons of several disabled actions as the line under the toolbar says them: refusals with the same head
 * ("You may not change "x": its access list does not let you") become one sentence naming every action.
 */
export function combinedReasons(states: readonly ActionState[]): string[] {
  const byHead = new Map<string, string[]>();
  const out: Array<string | { head: string }> = [];
  for (const state of states) {
    if (!state.reason) continue;
    if (!state.refusal) {
      if (!out.includes(state.reason)) out.push(state.reason);
      continue;
    }
    const whats = byHead.get(state.refusal.head);
    if (whats) {
      if (!whats.includes(state.refusal.what)) whats.push(state.refusal.what);
    } else {
      byHead.set(state.refusal.head, [state.refusal.what]);
      out.push({ head: state.refusal.head });
    }
  }
  return out.map((entry) => {
    if (typeof entry === 'string') return entry;
    const whats = byHead.get(entry.head) ?? [];
    const said = whats.length > 1 ? `${whats.slice(0, -1).join(', ')} or ${whats[whats.length - 1]}` : (whats[0] ?? '');
    return `${entry.head} ${said}.`;
  });
}

const ok: ActionState = { enabled: true, reason: null };
const none: ActionState = { enabled: false, reason: null };

function blocked(rows: readonly Row[], op: AclOp, me: Me | null, folder: LibraryFolderInfo | null): Row[] {
  return rows.filter((r) => !mayOn(r, op, me, folder));
}

function explain(rows: readonly Row[], refused: readonly Row[], what: string, op: AclOp): ActionState {
  if (rows.length === 0) return none;
  if (refused.length === 0) return ok;
  const can = op === 'write' ? 'change' : 'read';
  const names = nameList(refused.map((r) => `"${r.name}"`), 3);
  const whose = refused.length === 1 ? names : `${names} (${refused.length.toLocaleString()} of the ${rows.length.toLocaleString()} selected)`;
  const lists = refused.length === 1 ? 'its access list does' : 'their access lists do';
  const head = `You may not ${can} ${whose}: ${lists} not let you`;
  return { enabled: false, reason: `${head} ${what}.`, refusal: { head, what } };
}

/** Delete needs write access to every selected folder or file. */
export function deleteAction(rows: readonly Row[], me: Me | null, folder: LibraryFolderInfo | null): ActionState {
  return explain(rows, blocked(rows, 'write', me, folder), rows.length === 1 ? 'delete it' : 'delete them', 'write');
}

/** Download needs read access to every selected file. */
export function downloadAction(rows: readonly Row[], me: Me | null, folder: LibraryFolderInfo | null): ActionState {
  const files = rows.filter((r) => r.kind === 'file');
  if (files.length === 0 || files.length !== rows.length) return none;
  return explain(files, blocked(files, 'read', me, folder), files.length === 1 ? 'download it' : 'download them', 'read');
}

/** Changing an access list needs write access to the item (reading it needs read; the editor needs both). */
export function permissionsAction(rows: readonly Row[], me: Me | null, folder: LibraryFolderInfo | null): ActionState {
  if (rows.length === 0) return none;
  const refused = rows.filter((r) => !mayOn(r, 'write', me, folder) || (rows.length === 1 && !mayOn(r, 'read', me, folder)));
  const op: AclOp = refused.every((r) => mayOn(r, 'write', me, folder)) ? 'read' : 'write';
  return explain(rows, refused, rows.length === 1 ? 'change its permissions' : 'change their permissions', op);
}

const asIs: IdNamer = (id) => id;

/** Uploading into a folder needs write access to the folder itself. `name` says ids as the address book names them. */
export function uploadAction(target: LibraryFolderInfo | null | undefined, me: Me | null, name: IdNamer = asIs): ActionState {
  if (!target) return ok;
  if (!me || canAccess(target, 'write', me.userId, me.appId)) return ok;
  return { enabled: false, reason: `You may not add files to "${target.name}": its access list does not let ${name(me.userId)} write through ${name(me.appId)}.` };
}

export interface LibraryActions {
  upload: ActionState;
  download: ActionState;
  folderPermissions: ActionState;
  permissions: ActionState;
  delete: ActionState;
}

/** Every action of the bar and the details for the targets, in the open folder (null: the domain's folders). */
export function libraryActions(targets: readonly Row[], openFolder: LibraryFolderInfo | null, atTop: boolean, me: Me | null, name: IdNamer = asIs): LibraryActions {
  // Files' permissions in a folder; one folder's at the top level.
  const permissionsFit = atTop ? targets.length === 1 : targets.every((r) => r.kind === 'file');
  return {
    upload: uploadAction(openFolder, me, name),
    download: downloadAction(targets, me, openFolder),
    folderPermissions: openFolder ? permissionsAction(folderRows([openFolder]), me, null) : none,
    permissions: permissionsFit ? permissionsAction(targets, me, openFolder) : none,
    delete: deleteAction(targets, me, openFolder),
  };
}

/** What a row's access cell shows: a level for the lock, a few words, and the whole explanation for the tooltip. */
export interface RowAccess {
  level: 'full' | 'read' | 'write' | 'none';
  /** The words beside the lock ("Read only"). */
  label: string;
  /** What this account may do and, from the access list, who may read and who may write. */
  title: string;
}

/** Sentences for who may read and write under an ACL: summarizeAcl, or one that names people (the address book). */
export type SummarizeAcl = (acl: Acl | null, creator: string | undefined) => AclSummary;

const LEVELS: Record<RowAccess['level'], { label: string; you: (what: string) => string }> = {
  full: { label: 'Full access', you: (what) => `You can read and change this ${what} through this app.` },
  read: { label: 'Read only', you: (what) => `Read only: you can read this ${what} through this app but not change or delete it.` },
  write: { label: 'Not readable through this app', you: (what) => `Not readable through this app: you can change or delete this ${what} but not open or download it.` },
  none: { label: 'No access through this app', you: (what) => `Not readable through this app: you can neither read nor change this ${what}.` },
};

/**
 * The access cell of one row, from the access list that governs it (a file's own, else its folder's) and the rules
 * of library-acl.ts. Null until the account's ids are known. The tooltip's sentences about people come from
 * `summarize`, so a view that knows names passes a summarizer that uses them.
 */
export function rowAccess(row: Row, me: Me | null, folder: LibraryFolderInfo | null, summarize: SummarizeAcl = summarizeAcl): RowAccess | null {
  if (!me) return null;
  const read = mayOn(row, 'read', me, folder);
  const write = mayOn(row, 'write', me, folder);
  const level: RowAccess['level'] = read ? (write ? 'full' : 'read') : write ? 'write' : 'none';
  const governing = row.kind === 'folder' ? row.item.acl : effectiveAcl(row.item, folder);
  const summary = summarize(hasOwnAcl(governing) ? governing : null, row.item.createdBy);
  const follows = row.kind === 'file' && !hasOwnAcl(row.item.acl) ? ' It follows its folder\'s access list.' : '';
  const { label, you } = LEVELS[level];
  return { level, label, title: `${you(row.kind)}${follows} ${summary.read} ${summary.write}` };
}
