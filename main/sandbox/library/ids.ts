// Ids of domains, folders, files, users and applications, as they arrive in paths and bodies. Storage never uses
// them as file names (folders are stored under a hash, contents under random blob names), so these rules are a
// second wall against path traversal, and they give a clear 400 instead of odd behaviour.
import { HttpError } from '../http/http-error.js';

export const MAX_ID_LENGTH = 128;

/** Why an id is not acceptable, or null when it is. */
export function idProblem(id: string): string | null {
  if (id.length === 0) return 'it is empty';
  if (id.length > MAX_ID_LENGTH) return `it is longer than ${MAX_ID_LENGTH} characters`;
  if (id.includes('/') || id.includes('\\')) return 'it contains a slash';
  if (id.includes('..')) return 'it contains ".."';
  if (id === '.') return 'it is "."';
  if (/[\u0000-\u001f\u007f-\u009f]/.test(id)) return 'it contains a control character';
  if (id.trim() !== id) return 'it starts or ends with a space';
  if (LONE_SURROGATE.test(id)) return 'it is not valid Unicode';
  return null;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type IdKind = 'domain' | 'folder' | 'file' | 'user' | 'application';

export function assertValidId(kind: IdKind, id: string): void {
  const problem = idProblem(id);
  if (problem !== null) throw new HttpError(400, `Invalid ${kind} id ${JSON.stringify(id.slice(0, 80))}: ${problem}.`);
}

/** File ids that would collide with a sub-resource name. */
export const RESERVED_FILE_IDS: ReadonlySet<string> = new Set(['acl']);
