// What the library lets this account do with the selected rows, from the access lists it holds (the rules are
// main/common/library-acl.ts's; this only asks them), so an action the server would refuse is disabled and
// explained instead of offered. Pure, no React.
import { canAccess, canAccessFile, effectiveAcl, hasOwnAcl, type AclOp } from '../../../../main/common/library-acl';
import type { LibraryFolderInfo, LibraryWhoami } from '../../../../main/common/methods/library';
import { i18n } from '../../i18n';
import { summarizeAclText, type SummarizeAcl } from './acl-words';
import { folderRows, nameList, quoted, type Row } from './format';

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
  /** The same refusal with its action apart, so that refusals of one item by one list can be said in one sentence. */
  refusal?: Refusal;
}

interface Refusal {
  /** Refusals with the same group name the same items for the same reason. */
  group: string;
  /** What was refused ("delete it"). */
  action: string;
  /** The sentence, given one action or several joined. */
  say: (actions: string) => string;
}

/** "a, b or c", in the window's language. */
function eitherOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return i18n.t('library:list.or', { head: items.slice(0, -1).join(i18n.t('library:list.separator')), last: items[items.length - 1] ?? '' });
}

/**
 * The reasons of several disabled actions as the line under the toolbar says them: refusals of the same items for
 * the same reason ("You may not change "x": its access list does not let you …") become one sentence naming every
 * action.
 */
export function combinedReasons(states: readonly ActionState[]): string[] {
  const byGroup = new Map<string, { refusal: Refusal; actions: string[] }>();
  const out: Array<string | { group: string }> = [];
  for (const state of states) {
    if (!state.reason) continue;
    if (!state.refusal) {
      if (!out.includes(state.reason)) out.push(state.reason);
      continue;
    }
    const seen = byGroup.get(state.refusal.group);
    if (seen) {
      if (!seen.actions.includes(state.refusal.action)) seen.actions.push(state.refusal.action);
    } else {
      byGroup.set(state.refusal.group, { refusal: state.refusal, actions: [state.refusal.action] });
      out.push({ group: state.refusal.group });
    }
  }
  return out.map((entry) => {
    if (typeof entry === 'string') return entry;
    const seen = byGroup.get(entry.group);
    return seen ? seen.refusal.say(eitherOf(seen.actions)) : '';
  });
}

const ok: ActionState = { enabled: true, reason: null };
const none: ActionState = { enabled: false, reason: null };

function blocked(rows: readonly Row[], op: AclOp, me: Me | null, folder: LibraryFolderInfo | null): Row[] {
  return rows.filter((r) => !mayOn(r, op, me, folder));
}

type Refused = 'delete' | 'download' | 'permissions';

function explain(rows: readonly Row[], refused: readonly Row[], what: Refused, op: AclOp): ActionState {
  if (rows.length === 0) return none;
  if (refused.length === 0) return ok;
  const items = nameList(refused.map((r) => quoted(r.name)), 3);
  const action = rows.length === 1 ? i18n.t(`library:refusal.action.${what}.one`) : i18n.t(`library:refusal.action.${what}.many`);
  const values = { items, count: refused.length, total: rows.length };
  const say = (actions: string) =>
    refused.length === 1 ? i18n.t(`library:refusal.one.${op}`, { ...values, actions }) : i18n.t(`library:refusal.many.${op}`, { ...values, actions });
  return { enabled: false, reason: say(action), refusal: { group: `${op}\u0000${items}\u0000${values.count}\u0000${values.total}`, action, say } };
}

/** Delete needs write access to every selected folder or file. */
export function deleteAction(rows: readonly Row[], me: Me | null, folder: LibraryFolderInfo | null): ActionState {
  return explain(rows, blocked(rows, 'write', me, folder), 'delete', 'write');
}

/** Download needs read access to every selected file. */
export function downloadAction(rows: readonly Row[], me: Me | null, folder: LibraryFolderInfo | null): ActionState {
  const files = rows.filter((r) => r.kind === 'file');
  if (files.length === 0 || files.length !== rows.length) return none;
  return explain(files, blocked(files, 'read', me, folder), 'download', 'read');
}

/** Changing an access list needs write access to the item (reading it needs read; the editor needs both). */
export function permissionsAction(rows: readonly Row[], me: Me | null, folder: LibraryFolderInfo | null): ActionState {
  if (rows.length === 0) return none;
  const refused = rows.filter((r) => !mayOn(r, 'write', me, folder) || (rows.length === 1 && !mayOn(r, 'read', me, folder)));
  const op: AclOp = refused.every((r) => mayOn(r, 'write', me, folder)) ? 'read' : 'write';
  return explain(rows, refused, 'permissions', op);
}

/** Uploading into a folder needs write access to the folder itself. The refusal is said to the user: "you", "this app". */
export function uploadAction(target: LibraryFolderInfo | null | undefined, me: Me | null): ActionState {
  if (!target) return ok;
  if (!me || canAccess(target, 'write', me.userId, me.appId)) return ok;
  return { enabled: false, reason: i18n.t('library:refusal.upload', { folder: target.name }) };
}

export interface LibraryActions {
  upload: ActionState;
  download: ActionState;
  folderPermissions: ActionState;
  permissions: ActionState;
  delete: ActionState;
}

/** Every action of the bar and the details for the targets, in the open folder (null: the domain's folders). */
export function libraryActions(targets: readonly Row[], openFolder: LibraryFolderInfo | null, atTop: boolean, me: Me | null): LibraryActions {
  // Files' permissions in a folder; one folder's at the top level.
  const permissionsFit = atTop ? targets.length === 1 : targets.every((r) => r.kind === 'file');
  return {
    upload: uploadAction(openFolder, me),
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

export type { SummarizeAcl } from './acl-words';

/**
 * The access cell of one row, from the access list that governs it (a file's own, else its folder's) and the rules
 * of library-acl.ts. Null until the account's ids are known. The tooltip's sentences about people come from
 * `summarize`, so a view that knows names passes a summarizer that uses them.
 */
export function rowAccess(row: Row, me: Me | null, folder: LibraryFolderInfo | null, summarize: SummarizeAcl = (acl, creator) => summarizeAclText(i18n, acl, creator, undefined, undefined, me ?? {})): RowAccess | null {
  if (!me) return null;
  const read = mayOn(row, 'read', me, folder);
  const write = mayOn(row, 'write', me, folder);
  const level: RowAccess['level'] = read ? (write ? 'full' : 'read') : write ? 'write' : 'none';
  const governing = row.kind === 'folder' ? row.item.acl : effectiveAcl(row.item, folder);
  const summary = summarize(hasOwnAcl(governing) ? governing : null, row.item.createdBy);
  const follows = row.kind === 'file' && !hasOwnAcl(row.item.acl);
  const values = { you: i18n.t(`library:access.you.${level}.${row.kind}`), read: summary.read, write: summary.write };
  return { level, label: i18n.t(`library:access.level.${level}`), title: follows ? i18n.t('library:access.titleFollowsFolder', values) : i18n.t('library:access.title', values) };
}
