// The access-list sentences for a view: in the window's language, naming ids as `name` does (the address book's).
import { useCallback } from 'react';
import { useTranslation } from '../../i18n';
import type { IdNamer } from '../../../../main/common/library-acl';
import { summarizeAclText, type SummarizeAcl } from './acl-words';
import { useLibraryReader } from './library-reader';

/** summarizeAclText with ids said by `name`, the panel's user and app as "you" and "this app"; a new function when they or the language change. */
export function useAclSummary(name: IdNamer): SummarizeAcl {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const me = useLibraryReader();
  return useCallback<SummarizeAcl>((acl, creator) => summarizeAclText(i18n, acl, creator, name, language, me), [i18n, name, language, me]);
}
