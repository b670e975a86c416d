// Folder, file, domain and call ids of the media library. They become path segments of a URL and, on download,
// may suggest a local file name, so anything that could walk out of its segment or out of a folder is refused
// before a request is made. Pure code: the renderer uses it to check names as they are typed.
import { AppError } from './errors.js';

/** Longest id accepted, in UTF-16 code units; long enough for any sane name, short enough for every file system. */
export const MAX_LIBRARY_ID_LENGTH = 200;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type LibraryIdKind = 'folder' | 'file' | 'domain' | 'call id';

const LABEL: Record<LibraryIdKind, string> = { folder: 'folder name', file: 'file name', domain: 'domain', 'call id': 'call id' };

/** Why an id is unusable, in words fit for the user, or undefined when it is fine. */
export function libraryIdProblem(id: string): string | undefined {
  if (id.length === 0) return 'it is empty';
  if (id.trim() !== id) return 'it starts or ends with a space';
  if (id.length > MAX_LIBRARY_ID_LENGTH) return `it is longer than ${MAX_LIBRARY_ID_LENGTH} characters`;
  if (id.includes('/') || id.includes('\\')) return 'it contains a slash';
  if (id === '.' || id.includes('..')) return 'it contains ".." or is "."';
  if (/[\u0000-\u001f\u007f-\u009f]/.test(id)) return 'it contains a control character';
  // A lone surrogate cannot be percent-encoded (encodeURIComponent throws) nor stored as UTF-8.
  if (LONE_SURROGATE.test(id)) return 'it is not valid Unicode';
  return undefined;
}

/** Returns the id unchanged, or throws a 'validation' AppError naming the id and what is wrong with it. */
export function assertLibraryId(id: unknown, kind: LibraryIdKind): string {
  if (typeof id !== 'string') throw new AppError('validation', `The ${LABEL[kind]} is missing.`, { field: kind });
  const problem = libraryIdProblem(id);
  if (problem) throw new AppError('validation', `The ${LABEL[kind]} ${JSON.stringify(id.slice(0, 60))} cannot be used: ${problem}.`, { field: kind });
  // GET /media/{domain}/{folder}/acl is the folder's ACL, so a file named "acl" could never be reached.
  if (kind === 'file' && id === 'acl') {
    throw new AppError('validation', 'A file cannot be named "acl": the media library uses that name for a folder\'s access list.', { field: kind });
  }
  return id;
}

/** A validated id as one percent-encoded URL path segment. */
export function encodeLibraryId(id: string, kind: LibraryIdKind): string {
  return encodeURIComponent(assertLibraryId(id, kind));
}
