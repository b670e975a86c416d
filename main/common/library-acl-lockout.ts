// The lock-out warning's one sentence, said from the lock-out alone: the window (before saving, and when main
// refuses), the CLI and main's refusal all say this phrase, each in its reader's language. Pure code.
import { phrase, type Phrase } from './i18n/phrase.js';
import type { AclLockout } from './library-acl.js';
import type { IdNamer } from './library-acl-summary.js';

/** How a lock-out names its items (AclChange.label, AclLockout.items): the one item being edited, a folder, a file. */
export const lockoutLabel = {
  this: 'this',
  folder: (name: string): string => `folder "${name}"`,
  file: (name: string): string => `"${name}"`,
} as const;

/** An item's label in the reader's words ("this" / 「この項目」, `"x"` / 「x」); a label of no known form as it is. */
function itemPhrase(label: string): Phrase | string {
  if (label === lockoutLabel.this) return phrase('errors:library.acl.this');
  const folder = /^folder "(.*)"$/s.exec(label);
  if (folder) return phrase('errors:library.acl.folder', { name: folder[1] ?? '' });
  const file = /^"(.*)"$/s.exec(label);
  return file ? phrase('errors:library.acl.file', { name: file[1] ?? '' }) : label;
}

/**
 * Items one after another ("a, b, c" / 「a、b、c」), each in the reader's words. A phrase's list would join phrases
 * as clauses ("a; b"), so each item leads the rest: at most five are shown, which keeps the nesting shallow.
 */
function itemsPhrase(labels: readonly string[]): Phrase | string {
  return labels.map(itemPhrase).reduceRight<Phrase | string | undefined>((rest, item) => (rest === undefined ? item : phrase('errors:library.acl.itemThen', { item, rest })), undefined) ?? '';
}

const SHOWN = 5;

/**
 * The warning shown before saving, from the lock-out alone (the UI words a refusal from its detail, not its text).
 * `name` shows ids as the address book names them; without it, the ids themselves. `here`: the reader is the caller
 * in this app's own window, who is "you (through this app)" rather than his ids (the log and the CLI keep the ids).
 */
export function lockoutPhrase(lockout: AclLockout, name: IdNamer = (id) => id, here = false): Phrase {
  const who = { who: here ? phrase('errors:library.acl.whoHere') : phrase('errors:library.acl.who', { user: name(lockout.userId), app: name(lockout.appId) }) };
  if (lockout.total <= 1) {
    const what = itemPhrase(lockout.items[0] ?? lockoutLabel.this);
    if (lockout.losesWrite) return phrase(lockout.losesRead ? 'errors:library.acl.loseReadWrite' : 'errors:library.acl.loseWrite', { ...who, what });
    return phrase('errors:library.acl.loseRead', { ...who, what });
  }
  const listed = itemsPhrase(lockout.items.slice(0, SHOWN));
  const shown = lockout.items.length > SHOWN ? phrase('errors:library.acl.andMore', { items: listed, more: lockout.items.length - SHOWN }) : listed;
  const values = { ...who, lost: lockout.items.length, total: lockout.total, shown };
  return phrase(lockout.losesWrite ? 'errors:library.acl.loseManyNoUndo' : 'errors:library.acl.loseMany', values);
}
