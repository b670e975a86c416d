// What the access-list editor asks the lock-out rule (main/common/library-acl.ts, the rule main saves with) before
// saving, and how it reads main's refusal: from the typed detail, never from the message's words. Pure, no React.
import { findLockout, lockoutLabel, lockoutOf, lockoutPhrase, type Acl, type AclCaller, type AclChange, type AclLockout } from '../../../../main/common/library-acl';
import type { LibraryAclState, LibraryFileInfo } from '../../../../main/common/methods/library';
import { sayPhrase } from '../../../../main/common/i18n/phrase';
import { createTranslator, type I18n } from '../../../../main/common/i18n/translator';

export type EditedItems =
  /** One folder or file whose state was read; `folderAcl` is given for a file (null when unreadable). */
  | { kind: 'one'; state: Pick<LibraryAclState, 'createdBy' | 'acl'>; folderAcl?: Acl | null }
  /** Several files of a folder, with its list. */
  | { kind: 'files'; files: ReadonlyArray<Pick<LibraryFileInfo, 'name' | 'createdBy' | 'acl'>>; folderAcl: Acl | null };

/**
 * The lock-out saving `draft` would cause, as the editor warns of it before saving (null: the user keeps access).
 * Items are labelled as main labels them (lockoutLabel): lockoutPhrase says each in the reader's words.
 */
export function draftLockout(me: AclCaller, items: EditedItems, draft: Acl): AclLockout | null {
  const folder = (acl: Acl | null | undefined) => ({ before: acl, after: acl });
  const changes: AclChange[] =
    items.kind === 'files'
      ? items.files.map((f) => ({ label: lockoutLabel.file(f.name), createdBy: f.createdBy, before: f.acl, after: draft, folder: folder(items.folderAcl) }))
      : [{ label: lockoutLabel.this, createdBy: items.state.createdBy ?? null, before: items.state.acl, after: draft, ...(items.folderAcl !== undefined ? { folder: folder(items.folderAcl) } : {}) }];
  return findLockout(me, changes);
}

/**
 * The warning for a save main refused as a lock-out (it may know of files the editor did not see), or null; in
 * `translator`'s language. `here`: said to the signed-in user in this app's window ("you (through this app)").
 */
export function refusedLockoutWarning(details: unknown, name?: (id: string) => string, translator: I18n = english(), here = false): string | null {
  const lockout = lockoutOf(details);
  return lockout ? sayPhrase(translator, lockoutPhrase(lockout, name, here)) : null;
}

let englishTranslator: I18n | undefined;
/** English, for a caller that gives no translator (the window always gives its own). */
function english(): I18n {
  englishTranslator ??= createTranslator('en');
  return englishTranslator;
}
