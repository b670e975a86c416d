// A folder listing is read in one pass for the usual entry and through the schema for anything else: both must
// give the same files, and the one-pass reading must refuse what the schema refuses.
import { describe, expect, it } from 'vitest';
import { parseFolderDetails } from '../../../../main/providers/library/schemas.js';
import { phrase } from '../../../../main/common/i18n/phrase.js';

const ctx = { host: 'media.example', what: phrase('errors:library.what.folder', { folder: 'f' }) };
const base = { createdWith: 'app-1', createdBy: 'u-1', createdOn: '2026-01-02T03:04:05Z', readUsers: [], readApps: [], writeUsers: [], writeApps: [] };

function one(entry: Record<string, unknown>) {
  return parseFolderDetails({ entry: [entry] }, 'f', ctx).files[0];
}

describe('parseFolderDetails', () => {
  it('reads the usual entry into exactly the fields a file has', () => {
    expect(one({ ...base, id: 'f/a.jpg', size: 12, extra: { deep: true } })).toStrictEqual({
      id: 'f/a.jpg',
      folder: 'f',
      name: 'a.jpg',
      createdWith: 'app-1',
      createdBy: 'u-1',
      createdOn: '2026-01-02T03:04:05Z',
      size: 12,
      acl: { readUsers: [], readApps: [], writeUsers: [], writeApps: [] },
    });
  });

  it('merges plural and singular ACL keys, trims and drops duplicates, as the schema path does', () => {
    const acl = one({ ...base, id: 'f/a.jpg', readUsers: [' u-2 ', 'u-2', ''], readUser: ['u-3'], writeApps: ['app-1'] })?.acl;
    expect(acl).toStrictEqual({ readUsers: ['u-2', 'u-3'], readApps: [], writeUsers: [], writeApps: ['app-1'] });
  });

  it('gives the same files for entries read in one pass and entries that need the schema (nulls, digit sizes, offsets)', () => {
    const usual = { ...base, id: 'f/b.jpg', size: 7 };
    const unusual = { ...base, id: 'f/b.jpg', size: '7', createdWith: null, dest: null };
    const offset = { ...base, id: 'f/b.jpg', size: 7, createdOn: '2026-01-02T04:04:05+0100' };
    const expected = { ...one(usual)! };
    delete expected.createdWith;
    expect(one(unusual)).toStrictEqual(expected);
    expect(one(offset)?.createdOn).toBe('2026-01-02T04:04:05+0100');
  });

  it('refuses what the schema refuses: an impossible date, a negative or fractional size, a name that leaves its folder, a list of numbers', () => {
    expect(() => one({ ...base, id: 'f/a.jpg', createdOn: '2026-02-31T99:00:00Z' })).toThrow(/ISO 8601/);
    expect(() => one({ ...base, id: 'f/a.jpg', createdOn: '2026-01-02T03:04:05Z', startTime: 'yesterday' })).toThrow(/ISO 8601/);
    expect(() => one({ ...base, id: 'f/a.jpg', size: -1 })).toThrow(/unexpected form/);
    expect(() => one({ ...base, id: 'f/a.jpg', size: 1.5 })).toThrow(/unexpected form/);
    expect(() => one({ ...base, id: 'f/../../etc/passwd' })).toThrow(/unsafe/);
    expect(() => one({ ...base, id: 'f/a.jpg', readUsers: [42] })).toThrow(/access list/);
  });

  it('checks every date, not only the first of a run of equal ones', () => {
    const files = [{ ...base, id: 'f/1.jpg' }, { ...base, id: 'f/2.jpg' }, { ...base, id: 'f/3.jpg', createdOn: '2026-13-02T03:04:05Z' }];
    expect(() => parseFolderDetails({ entry: files }, 'f', ctx)).toThrow(/entry\.2\.createdOn/);
  });
});
