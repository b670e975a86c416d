// The access rules in the reader's language: who can read and who can write under an access list (main/common's
// phrases, library-acl-summary.ts, the ones the CLI says too), said by the translator given (the window's, or English
// for a caller without a window). Pure: no React, no DOM.
import type { I18n } from '../../../../main/common/i18n/translator';
import { sayList, sayPhrase } from '../../../../main/common/i18n/phrase';
import { summarizeAclPhrases, type Acl, type AclReader, type AclSummary, type IdNamer } from '../../../../main/common/library-acl';

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

/**
 * One sentence for read access and one for write access, in `lng` (the translator's language by default); ids said
 * by `name`, and the reader's own user and app as "you" and "this app".
 */
export function summarizeAclText(i18n: I18n, acl: Acl | null | undefined, creator?: string | null, name?: IdNamer, lng?: string, me?: AclReader): AclSummary {
  const tr = lng && lng !== i18n.language ? i18n.cloneInstance({ lng }) : i18n;
  const said = summarizeAclPhrases(acl, creator, name, me);
  return { read: oneEllipsis(sayPhrase(tr, said.read)), write: oneEllipsis(sayPhrase(tr, said.write)) };
}

/**
 * A shortened id ("mediades…") ending a sentence would end it in "….": the ellipsis ends it alone. Only for these
 * sentences, which hold ids and address-book names, never file names, whose dots must stay as they are.
 */
export function oneEllipsis(sentence: string): string {
  return sentence.replace(/…\.(?=\s|$)/g, '…');
}
