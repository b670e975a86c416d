// Folder, file, domain and call ids of the media library. They become path segments of a URL and, on download,
// may suggest a local file name, so anything that could walk out of its segment or out of a folder is refused
// before a request is made. Pure code: the renderer uses it to check names as they are typed.
import { AppError } from './errors.js';
import { inEnglish, phrase, type Phrase } from './i18n/phrase.js';

/** Longest id accepted, in UTF-16 code units; long enough for any sane name, short enough for every file system. */
export const MAX_LIBRARY_ID_LENGTH = 200;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type LibraryIdKind = 'folder' | 'file' | 'domain' | 'call id';

const LABEL = {
  folder: 'errors:library.label.folder',
  file: 'errors:library.label.file',
  domain: 'errors:library.label.domain',
  'call id': 'errors:library.label.callId',
} as const satisfies Record<LibraryIdKind, string>;

/** Why an id is unusable, as a phrase ("it contains a slash"), or undefined when it is fine. */
export function libraryIdProblemPhrase(id: string): Phrase | undefined {
  if (id.length === 0) return phrase('errors:library.id.empty');
  if (id.trim() !== id) return phrase('errors:library.id.space');
  if (id.length > MAX_LIBRARY_ID_LENGTH) return phrase('errors:library.id.long', { max: MAX_LIBRARY_ID_LENGTH });
  if (id.includes('/') || id.includes('\\')) return phrase('errors:library.id.slash');
  if (id === '.' || id.includes('..')) return phrase('errors:library.id.dots');
  if (/[\u0000-\u001f\u007f-\u009f]/.test(id)) return phrase('errors:library.id.control');
  // A lone surrogate cannot be percent-encoded (encodeURIComponent throws) nor stored as UTF-8.
  if (LONE_SURROGATE.test(id)) return phrase('errors:library.id.unicode');
  return undefined;
}

/**
 * Whether an id has the shape of the user ids the library gives (its creators, its whoami): a GUID such as
 * 972ee92d-dead-beef-927f-7a92e40f8490. The protocol takes any id in a list, so another form (a partial id pasted,
 * "US12") is pointed out before saving, never refused.
 */
export function looksLikeLibraryUserId(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

/** Why an id is unusable, in English words, or undefined when it is fine. */
export function libraryIdProblem(id: string): string | undefined {
  const problem = libraryIdProblemPhrase(id);
  return problem && inEnglish(problem);
}

/** The sentence refusing an id: "The folder name "x" cannot be used: it contains a slash." */
export function libraryIdRefusal(id: string, kind: LibraryIdKind, problem: Phrase): Phrase {
  return phrase('errors:library.id.refused', { label: phrase(LABEL[kind]), id: JSON.stringify(id.slice(0, 60)), problem });
}

/** Returns the id unchanged, or throws a 'validation' AppError naming the id and what is wrong with it. */
export function assertLibraryId(id: unknown, kind: LibraryIdKind): string {
  if (typeof id !== 'string') throw new AppError('validation', phrase('errors:library.id.missing', { label: phrase(LABEL[kind]) }), { field: kind });
  const problem = libraryIdProblemPhrase(id);
  if (problem) throw new AppError('validation', libraryIdRefusal(id, kind, problem), { field: kind });
  // GET /media/{domain}/{folder}/acl is the folder's ACL, so a file named "acl" could never be reached.
  if (kind === 'file' && id === 'acl') {
    throw new AppError('validation', phrase('errors:library.id.acl'), { field: kind });
  }
  return id;
}


/** A validated id as one percent-encoded URL path segment. */
export function encodeLibraryId(id: string, kind: LibraryIdKind): string {
  return encodeURIComponent(assertLibraryId(id, kind));
}
