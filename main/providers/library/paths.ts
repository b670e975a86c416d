// Resource paths of the media library (below /rest/1.0) and the words messages use for them. Every id is
// validated and percent-encoded here, so no request is made with an id that could leave its path segment.
import { encodeLibraryId } from '../../common/library-ids.js';
import { phrase, type Phrase } from '../../common/i18n/phrase.js';

export interface LibraryTarget {
  folder: string;
  /** Absent for the folder itself. */
  file?: string | undefined;
}

export const paths = {
  domain: (domain: string): string => `/media/${encodeLibraryId(domain, 'domain')}`,
  folder: (domain: string, folder: string): string => `${paths.domain(domain)}/${encodeLibraryId(folder, 'folder')}`,
  file: (domain: string, folder: string, file: string): string => `${paths.folder(domain, folder)}/${encodeLibraryId(file, 'file')}`,
  target: (domain: string, target: LibraryTarget): string =>
    target.file === undefined ? paths.folder(domain, target.folder) : paths.file(domain, target.folder, target.file),
  acl: (domain: string, target: LibraryTarget): string => `${paths.target(domain, target)}/acl`,
  /** The table's form /media/{domain}/{callId}/{callId}.mp3 */
  voicemail: (domain: string, callId: string): string => {
    const id = encodeLibraryId(callId, 'call id');
    return `${paths.domain(domain)}/${id}/${id}.mp3`;
  },
};

/** What a message names: noun phrases said inside the sentences of errors:library.* */
export const describe = {
  domain: (domain: string): Phrase => phrase('errors:library.what.domain', { domain }),
  folder: (folder: string): Phrase => phrase('errors:library.what.folder', { folder }),
  file: (folder: string, file: string): Phrase => phrase('errors:library.what.file', { path: `${folder}/${file}` }),
  target: (target: LibraryTarget): Phrase =>
    target.file === undefined ? describe.folder(target.folder) : describe.file(target.folder, target.file),
  acl: (target: LibraryTarget): Phrase => phrase('errors:library.what.acl', { target: describe.target(target) }),
  voicemail: (callId: string): Phrase => phrase('errors:library.what.voicemail', { callId }),
};


/** The ids a server may use for the target in an answer: "folder", or "folder/file" (or the bare file name). */
export function targetIds(target: LibraryTarget): string[] {
  return target.file === undefined ? [target.folder] : [`${target.folder}/${target.file}`, target.file];
}
