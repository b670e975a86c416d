// The access rules in the reader's language: who can read and who can write under an access list, and the lock-out
// warning. Which sentence applies follows main/common/library-acl-summary.ts and lockoutMessage (library-acl.ts),
// the English ones main and the CLI say; the words are the 'library' catalogue's.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Acl, AclLockout, AclOp, AclSummary, IdNamer } from '../../../../main/common/library-acl';
import { i18n } from '../../i18n';
import { nameList, quoted } from './format';

const asIs: IdNamer = (id) => id;

/** Sentences for who may read and write under an ACL (a null ACL: the default, the creator alone). */
export type SummarizeAcl = (acl: Acl | null, creator: string | undefined) => AclSummary;

function allNames(ids: readonly string[], name: IdNamer): string {
  return nameList(ids.map(name), Number.POSITIVE_INFINITY);
}

function sentenceFor(acl: Acl | null, op: AclOp, creator: string | undefined, name: IdNamer, lng: string | undefined): string {
  const users = acl ? (op === 'read' ? acl.readUsers : acl.writeUsers) : [];
  const apps = acl ? (op === 'read' ? acl.readApps : acl.writeApps) : [];
  const said = creator ? name(creator) : '';
  if (users.length === 0 && apps.length === 0) return creator ? i18n.t(`library:summary.creatorOnlyNamed.${op}`, { creator: said, lng }) : i18n.t(`library:summary.creatorOnly.${op}`, { lng });
  const appsPhrase = i18n.t('library:summary.appsNoun', { count: apps.length, names: allNames(apps, name), lng });
  if (users.length === 0) return i18n.t(`library:summary.appsOnly.${op}`, { apps: appsPhrase, lng });
  const usersPhrase = i18n.t('library:summary.usersNoun', { count: users.length, names: allNames(users, name), lng });
  // The document's trap: setting an ACL drops the creator unless he lists himself.
  const creatorOut = Boolean(creator) && !users.includes(creator ?? '');
  if (apps.length === 0) {
    return creatorOut ? i18n.t(`library:summary.usersCreatorOut.${op}`, { users: usersPhrase, creator: said, lng }) : i18n.t(`library:summary.users.${op}`, { users: usersPhrase, lng });
  }
  return creatorOut
    ? i18n.t(`library:summary.usersAppsCreatorOut.${op}`, { users: usersPhrase, apps: appsPhrase, creator: said, lng })
    : i18n.t(`library:summary.usersApps.${op}`, { users: usersPhrase, apps: appsPhrase, lng });
}

/** One sentence for read access and one for write access, in `lng` (the window's language by default); ids said by `name`. */
export function summarizeAclText(acl: Acl | null | undefined, creator?: string | null, name: IdNamer = asIs, lng?: string): AclSummary {
  const who = creator ?? undefined;
  return { read: sentenceFor(acl ?? null, 'read', who, name, lng), write: sentenceFor(acl ?? null, 'write', who, name, lng) };
}

/** summarizeAclText with ids said by `name` (the address book's); a new function when it or the language changes. */
export function useAclSummary(name: IdNamer): SummarizeAcl {
  const { i18n: current } = useTranslation();
  const language = current.language;
  return useCallback<SummarizeAcl>((acl, creator) => summarizeAclText(acl, creator, name, language), [name, language]);
}

/** An item of a lock-out as main and the editor label it (`this`, `folder "x"`, `"x"`), in the reader's words. */
function itemText(label: string): string {
  if (label === 'this') return i18n.t('library:lockout.this');
  const folder = /^folder "(.*)"$/s.exec(label);
  if (folder) return i18n.t('library:lockout.folder', { name: folder[1] ?? '' });
  const file = /^"(.*)"$/s.exec(label);
  return file ? quoted(file[1] ?? '') : label;
}

/** The warning shown before saving, from the lock-out alone (never from the words of main's refusal). */
export function lockoutText(lockout: AclLockout, name: IdNamer = asIs): string {
  const who = { user: name(lockout.userId), app: name(lockout.appId) };
  if (lockout.total <= 1) {
    const item = itemText(lockout.items[0] ?? 'this');
    const which = lockout.losesRead && lockout.losesWrite ? 'readWrite' : lockout.losesWrite ? 'write' : 'read';
    return i18n.t(`library:lockout.one.${which}`, { ...who, item });
  }
  const labels = lockout.items.map(itemText);
  const separator = i18n.t('library:list.separator');
  const shown = labels.length > 5 ? i18n.t('library:list.more', { names: labels.slice(0, 5).join(separator), count: labels.length - 5 }) : labels.join(separator);
  const values = { ...who, count: lockout.items.length, total: lockout.total, items: shown };
  return lockout.losesWrite ? i18n.t('library:lockout.manyNoUndo', values) : i18n.t('library:lockout.many', values);
}
