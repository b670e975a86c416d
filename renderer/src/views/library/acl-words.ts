// The access rules in the reader's language: who can read and who can write under an access list, and the lock-out
// warning. Which sentence applies follows main/common/library-acl-summary.ts and lockoutMessage (library-acl.ts),
// the English ones main and the CLI say; the words are the 'library' catalogue's, said by the translator given (the
// window's, or English for a caller without a window). Pure: no React, no DOM.
import type { I18n } from '../../../../main/common/i18n/translator';
import type { Acl, AclLockout, AclOp, AclSummary, IdNamer } from '../../../../main/common/library-acl';

/** "a, b and 3 more", in the translator's language. */
export function nameListIn(tr: I18n, names: readonly string[], max = 8): string {
  const separator = tr.t('library:list.separator');
  if (names.length <= max) {
    if (names.length <= 1) return names.join('');
    return tr.t('library:list.and', { head: names.slice(0, -1).join(separator), last: names[names.length - 1] ?? '' });
  }
  return tr.t('library:list.more', { names: names.slice(0, max).join(separator), count: names.length - max });
}

/** A name quoted as the language quotes names ("x" / 「x」). */
export function quotedIn(tr: I18n, name: string): string {
  return tr.t('library:quoted', { name });
}

const asIs: IdNamer = (id) => id;

/** Sentences for who may read and write under an ACL (a null ACL: the default, the creator alone). */
export type SummarizeAcl = (acl: Acl | null, creator: string | undefined) => AclSummary;

function sentenceFor(i18n: I18n, acl: Acl | null, op: AclOp, creator: string | undefined, name: IdNamer, lng: string | undefined): string {
  const allNames = (ids: readonly string[]) => nameListIn(i18n, ids.map(name), Number.POSITIVE_INFINITY);
  const users = acl ? (op === 'read' ? acl.readUsers : acl.writeUsers) : [];
  const apps = acl ? (op === 'read' ? acl.readApps : acl.writeApps) : [];
  const said = creator ? name(creator) : '';
  if (users.length === 0 && apps.length === 0) return creator ? i18n.t(`library:summary.creatorOnlyNamed.${op}`, { creator: said, lng }) : i18n.t(`library:summary.creatorOnly.${op}`, { lng });
  const appsPhrase = i18n.t('library:summary.appsNoun', { count: apps.length, names: allNames(apps), lng });
  if (users.length === 0) return i18n.t(`library:summary.appsOnly.${op}`, { apps: appsPhrase, lng });
  const usersPhrase = i18n.t('library:summary.usersNoun', { count: users.length, names: allNames(users), lng });
  // The document's trap: setting an ACL drops the creator unless he lists himself.
  const creatorOut = Boolean(creator) && !users.includes(creator ?? '');
  if (apps.length === 0) {
    return creatorOut ? i18n.t(`library:summary.usersCreatorOut.${op}`, { users: usersPhrase, creator: said, lng }) : i18n.t(`library:summary.users.${op}`, { users: usersPhrase, lng });
  }
  return creatorOut
    ? i18n.t(`library:summary.usersAppsCreatorOut.${op}`, { users: usersPhrase, apps: appsPhrase, creator: said, lng })
    : i18n.t(`library:summary.usersApps.${op}`, { users: usersPhrase, apps: appsPhrase, lng });
}

/** One sentence for read access and one for write access, in `lng` (the translator's language by default); ids said by `name`. */
export function summarizeAclText(i18n: I18n, acl: Acl | null | undefined, creator?: string | null, name: IdNamer = asIs, lng?: string): AclSummary {
  const who = creator ?? undefined;
  return { read: sentenceFor(i18n, acl ?? null, 'read', who, name, lng), write: sentenceFor(i18n, acl ?? null, 'write', who, name, lng) };
}

/** An item of a lock-out as main and the editor label it (`this`, `folder "x"`, `"x"`), in the reader's words. */
function itemText(i18n: I18n, label: string): string {
  if (label === 'this') return i18n.t('library:lockout.this');
  const folder = /^folder "(.*)"$/s.exec(label);
  if (folder) return i18n.t('library:lockout.folder', { name: folder[1] ?? '' });
  const file = /^"(.*)"$/s.exec(label);
  return file ? quotedIn(i18n, file[1] ?? '') : label;
}

/** The warning shown before saving, from the lock-out alone (never from the words of main's refusal). */
export function lockoutText(i18n: I18n, lockout: AclLockout, name: IdNamer = asIs): string {
  const who = { user: name(lockout.userId), app: name(lockout.appId) };
  if (lockout.total <= 1) {
    const item = itemText(i18n, lockout.items[0] ?? 'this');
    const which = lockout.losesRead && lockout.losesWrite ? 'readWrite' : lockout.losesWrite ? 'write' : 'read';
    return i18n.t(`library:lockout.one.${which}`, { ...who, item });
  }
  const labels = lockout.items.map((label) => itemText(i18n, label));
  const separator = i18n.t('library:list.separator');
  const shown = labels.length > 5 ? i18n.t('library:list.more', { names: labels.slice(0, 5).join(separator), count: labels.length - 5 }) : labels.join(separator);
  const values = { ...who, count: lockout.items.length, total: lockout.total, items: shown };
  return lockout.losesWrite ? i18n.t('library:lockout.manyNoUndo', values) : i18n.t('library:lockout.many', values);
}
