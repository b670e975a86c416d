import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/common/errors.js';
import { assertLibraryId, encodeLibraryId, libraryIdProblem, MAX_LIBRARY_ID_LENGTH } from '../../../main/common/library-ids.js';

describe('library ids', () => {
  it.each([
    ['', 'it is empty'],
    ['..', '".."'],
    ['a..b', '".."'],
    ['.', '".."'],
    ['a/b', 'slash'],
    ['a\\b', 'slash'],
    ['nul\u0000byte', 'control character'],
    ['line\nbreak', 'control character'],
    ['c1\u0085', 'control character'],
    [' padded', 'space'],
    ['lone\uD800', 'not valid Unicode'],
    ['x'.repeat(MAX_LIBRARY_ID_LENGTH + 1), 'longer than'],
  ])('refuses %j', (id, reason) => {
    expect(libraryIdProblem(id)).toContain(reason);
    expect(() => assertLibraryId(id, 'folder')).toThrow(AppError);
  });

  it.each(['mymp3folder', 'file1.mp3', 'été 2024 (copie)', '😀', 'call:26919119', 'x'.repeat(MAX_LIBRARY_ID_LENGTH)])('accepts %j', (id) => {
    expect(libraryIdProblem(id)).toBeUndefined();
    expect(assertLibraryId(id, 'file')).toBe(id);
  });

  it('names the kind and the id in the message, as a validation error', () => {
    try {
      assertLibraryId('../etc', 'folder');
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: 'validation' });
      expect((err as AppError).message).toBe('The folder name "../etc" cannot be used: it contains a slash.');
    }
  });

  it('refuses a file named "acl", which the protocol reserves, but not a folder', () => {
    expect(() => assertLibraryId('acl', 'file')).toThrow(/acl/);
    expect(assertLibraryId('acl', 'folder')).toBe('acl');
  });

  it('percent-encodes everything that has a meaning in a URL', () => {
    expect(encodeLibraryId('a b#c?d%e&f', 'file')).toBe('a%20b%23c%3Fd%25e%26f');
    expect(encodeLibraryId('été', 'file')).toBe('%C3%A9t%C3%A9');
  });

  it('refuses a value that is not a string', () => {
    expect(() => assertLibraryId(42, 'domain')).toThrow('The domain is missing.');
  });
});
