// The access-list sentences for a view: in the window's language, naming ids as `name` does (the address book's).
import { useCallback } from 'react';
import { useTranslation } from '../../i18n';
import type { IdNamer } from '../../../../main/common/library-acl';
import { summarizeAclText, type SummarizeAcl } from './acl-words';

/** summarizeAclText with ids said by `name`; a new function when it or the language changes. */
export function useAclSummary(name: IdNamer): SummarizeAcl {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useCallback<SummarizeAcl>((acl, creator) => summarizeAclText(i18n, acl, creator, name, language), [i18n, name, language]);
}
