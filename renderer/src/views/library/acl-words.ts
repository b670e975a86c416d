// The access rules in the reader's language: who can read and who can write under an access list (main/common's
// phrases, library-acl-summary.ts, the ones the CLI says too), and the lock-out warning, whose sentence follows
// lockoutPhrase (library-acl.ts); said by the translator given (the window's, or English for a caller without a
// window). Pure: no React, no DOM.
import type { I18n } from '../../../../main/common/i18n/translator';
import { sayList, sayPhrase } from '../../../../main/common/i18n/phrase';
import { summarizeAclPhrases, type Acl, type AclLockout, type AclSummary, type IdNamer } from '../../../../main/common/library-acl';

/** "a, b and 3 more", in the translator's language. */
export function nameListIn(tr: I18n, names: readonly string[], max = 8): string {
  if (names.length <= max) return sayList(tr, names);
  return tr.t('library:list.more', { names: names.slice(0, max).join(tr.t('library:list.separator')), count: names.length - max });
}

/** A name quoted as the language quotes names ("x" / 「x」). */
export function quotedIn(tr: I18n, name: string): string {
  return tr.t('library:quoted', { name });
}

/** Sentences for who may read and write under an ACL (a null ACL: the default, the creator alone). */
export type SummarizeAcl = (acl: Acl | null, creator: string | undefined) => AclSummary;

/** One sentence for read access and one for write access, in `lng` (the translator's language by default); ids said by `name`. */
export function summarizeAclText(i18n: I18n, acl: Acl | null | undefined, creator?: string | null, name?: IdNamer, lng?: string): AclSummary {
  const tr = lng && lng !== i18n.language ? i18n.cloneInstance({ lng }) : i18n;
  const said = summarizeAclPhrases(acl, creator, name);
  return { read: sayPhrase(tr, said.read), write: sayPhrase(tr, said.write) };
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
export function lockoutText(i18n: I18n, lockout: AclLockout, name: IdNamer = (id) => id): string {
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
