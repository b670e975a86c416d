// Who is reading the library's sentences: the signed-in user and this app, said as "you" and "this app" instead of
// their ids. The panel provides it once it knows them (library.whoami); until then, ids are said by name or id.
import { createContext, useContext } from 'react';
import type { AclReader } from '../../../../main/common/library-acl';

export const LibraryReaderContext = createContext<AclReader>({});

export function useLibraryReader(): AclReader {
  return useContext(LibraryReaderContext);
}
