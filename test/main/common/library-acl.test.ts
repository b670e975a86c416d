import { inEnglish, phrase, sayPhrase } from '../../../main/common/i18n/phrase.js';
import { ja } from '../../../main/common/i18n/locales/ja/index.js';
import { createTranslator } from '../../../main/common/i18n/translator.js';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/common/errors.js';
import {
  canAccess,
  canAccessFile,
  diffAcl,
  effectiveAcl,
  emptyAcl,
  hasOwnAcl,
  findLockout,
  knownPrincipals,
  lockoutError,
  lockoutLabel,
  lockoutPhrase,
  lockoutOf,
  locksOut,
  normalizeAcl,
  type Acl,
  type AclOp,
} from '../../../main/common/library-acl.js';

const acl = (lists: Partial<Acl>): Acl => ({ ...emptyAcl(), ...lists });

// Callers: the creator u1, and u2/u3, each through one of the apps a1/a2.
const callers = [
  ['u1', 'a1'],
  ['u1', 'a2'],
  ['u2', 'a1'],
  ['u2', 'a2'],
  ['u3', 'a1'],
] as const;

/** Who may do op under the ACL, as "user@app" strings, for an entity created by u1. */
function allowed(list: Acl | null, op: AclOp): string[] {
  return callers.filter(([user, app]) => canAccess({ createdBy: 'u1', acl: list }, op, user, app)).map(([u, a]) => `${u}@${a}`);
}

describe('canAccess: the project rule of PROTOCOLS.md section 2', () => {
  it.each([
    ['no ACL at all: only the creator, through any app', null, ['u1@a1', 'u1@a2']],
    ['both lists empty: only the creator', acl({}), ['u1@a1', 'u1@a2']],
    ['users listed, apps empty: those users through any app, the unlisted creator loses access', acl({ readUsers: ['u2'] }), ['u2@a1', 'u2@a2']],
    ['several users listed', acl({ readUsers: ['u1', 'u3'] }), ['u1@a1', 'u1@a2', 'u3@a1']],
    ['apps listed, users empty: every user of those apps, no one through another', acl({ readApps: ['a1'] }), ['u1@a1', 'u2@a1', 'u3@a1']],
    ['users and apps listed: only those users, only through those apps', acl({ readUsers: ['u2'], readApps: ['a2'] }), ['u2@a2']],
    ['listed user through an unlisted app is refused', acl({ readUsers: ['u3'], readApps: ['a2'] }), []],
    ['write lists say nothing about read', acl({ writeUsers: ['u2'], writeApps: ['a2'] }), ['u1@a1', 'u1@a2']],
  ])('read: %s', (_name, list, expected) => {
    expect(allowed(list, 'read')).toEqual(expected);
  });

  it.each([
    ['no ACL: only the creator', null, ['u1@a1', 'u1@a2']],
    ['write users only', acl({ writeUsers: ['u3'] }), ['u3@a1']],
    ['write apps only', acl({ writeApps: ['a2'] }), ['u1@a2', 'u2@a2']],
    ['write users and apps', acl({ writeUsers: ['u1', 'u2'], writeApps: ['a1'] }), ['u1@a1', 'u2@a1']],
    ['read lists say nothing about write', acl({ readUsers: ['u2'] }), ['u1@a1', 'u1@a2']],
  ])('write: %s', (_name, list, expected) => {
    expect(allowed(list, 'write')).toEqual(expected);
  });

  it('gives no one the creator-only access when the creator is unknown', () => {
    expect(canAccess({ acl: null }, 'read', 'u1', 'a1')).toBe(false);
    expect(canAccess({ createdBy: '', acl: null }, 'read', '', 'a1')).toBe(false);
  });
});

describe('effective ACL of a file', () => {
  const folder = { createdBy: 'u1', acl: acl({ readUsers: ['u2'], writeUsers: ['u2'] }) };

  it('follows its folder while the file has no ACL of its own', () => {
    const file = { createdBy: 'u1', acl: emptyAcl() };
    expect(effectiveAcl(file, folder)).toEqual(folder.acl);
    expect(canAccessFile(file, folder, 'read', 'u2', 'a9')).toBe(true);
    expect(canAccessFile(file, folder, 'read', 'u1', 'a1')).toBe(false);
  });

  it('uses its own ACL once any list names someone', () => {
    const file = { createdBy: 'u1', acl: acl({ readApps: ['a1'] }) };
    expect(hasOwnAcl(file.acl)).toBe(true);
    expect(canAccessFile(file, folder, 'read', 'u3', 'a1')).toBe(true);
    expect(canAccessFile(file, folder, 'read', 'u2', 'a2')).toBe(false);
  });

  it("falls back to the file's creator when neither has an ACL", () => {
    const file = { createdBy: 'u3', acl: null };
    expect(canAccessFile(file, { createdBy: 'u1', acl: null }, 'write', 'u3', 'a1')).toBe(true);
    expect(canAccessFile(file, { createdBy: 'u1', acl: null }, 'write', 'u1', 'a1')).toBe(false);
  });
});

describe('locksOut', () => {
  it('warns when the caller removes himself from the read users', () => {
    const result = locksOut(acl({ readUsers: ['u2'], writeUsers: ['u1'] }), 'u1', 'a1', { createdBy: 'u1' });
    expect(result).toMatchObject({ losesRead: true, losesWrite: false });
    expect(result.message).toContain('u1 through a1');
  });

  it('warns about both when only another application is let in', () => {
    const result = locksOut(acl({ readApps: ['a2'], writeApps: ['a2'] }), 'u1', 'a1', { createdBy: 'u1' });
    expect(result).toMatchObject({ losesRead: true, losesWrite: true });
    expect(result.message).toMatch(/read or change/);
  });

  it('does not warn when the caller stays listed', () => {
    expect(locksOut(acl({ readUsers: ['u1', 'u2'], writeUsers: ['u1'] }), 'u1', 'a1')).toEqual({ losesRead: false, losesWrite: false, message: null });
  });

  it('treats emptied lists as creator-only: fine for the creator, a lock-out for anyone else', () => {
    expect(locksOut(emptyAcl(), 'u1', 'a1', { createdBy: 'u1' }).message).toBeNull();
    expect(locksOut(emptyAcl(), 'u2', 'a1', { createdBy: 'u1' })).toMatchObject({ losesRead: true, losesWrite: true });
  });

  it("treats a file's emptied lists as following its folder", () => {
    const folderAcl = acl({ readUsers: ['u2'], writeUsers: ['u2'] });
    expect(locksOut(emptyAcl(), 'u2', 'a1', { createdBy: 'u1', folderAcl }).message).toBeNull();
    expect(locksOut(emptyAcl(), 'u3', 'a1', { createdBy: 'u1', folderAcl })).toMatchObject({ losesRead: true, losesWrite: true });
  });

  it('reports only access the caller has now when the current ACL is given', () => {
    const current = acl({ readUsers: ['u2'], writeUsers: ['u1'] }); // u1 cannot read now
    const next = acl({ readUsers: ['u2'], writeUsers: ['u2'] });
    expect(locksOut(next, 'u1', 'a1', { createdBy: 'u1', currentAcl: current })).toMatchObject({ losesRead: false, losesWrite: true });
  });
});

describe('findLockout (the rule the app, the CLI and the editor all decide with)', () => {
  const me = { userId: 'u1', appId: 'a1' };
  const shared = acl({ readUsers: ['u1', 'u2'], writeUsers: ['u1', 'u2'] });

  it('judges a folder by its own lists and each file by its own, else by the folder after the change', () => {
    const next = emptyAcl(); // a folder for its creator; files follow it, so each is its own creator's
    const lockout = findLockout(me, [
      { label: 'folder "f"', createdBy: 'u1', before: shared, after: next },
      { label: '"mine.jpg"', createdBy: 'u1', before: emptyAcl(), after: next, folder: { before: shared, after: next } },
      { label: '"theirs.jpg"', createdBy: 'u2', before: emptyAcl(), after: next, folder: { before: shared, after: next } },
    ]);
    expect(lockout).toEqual({ kind: 'acl-lockout', userId: 'u1', appId: 'a1', items: ['"theirs.jpg"'], total: 3, losesRead: true, losesWrite: true });
  });

  it('does not count access the caller does not have now', () => {
    const writeOnlyOther = acl({ readUsers: ['u1'], writeUsers: ['u2'] });
    expect(findLockout(me, [{ label: 'this', createdBy: 'u1', before: writeOnlyOther, after: acl({ readUsers: ['u1'], writeUsers: ['u3'] }) }])).toBeNull();
    // An unknown "before" counts as having access.
    expect(findLockout(me, [{ label: 'this', before: undefined, after: writeOnlyOther }])).toMatchObject({ losesRead: false, losesWrite: true });
  });

  it('words one item as "this" and many as a count, from the lock-out alone', () => {
    const one = findLockout(me, [{ label: 'this', createdBy: 'u1', before: shared, after: acl({ readUsers: ['u1'], writeUsers: ['u2'] }) }]);
    expect(one && inEnglish(lockoutPhrase(one))).toBe('After saving, you (u1 through a1) will no longer be able to change this, nor undo this change.');
    const many = findLockout(me, ['a', 'b', 'c'].map((name) => ({ label: `"${name}"`, createdBy: 'u1', before: shared, after: acl({ readUsers: ['u2'], writeUsers: ['u1'] }) })));
    expect(many && inEnglish(lockoutPhrase(many))).toBe('After saving, you (u1 through a1) would lose your own access to 3 of the 3 items: "a", "b", "c".');
  });

  it('says its items in the reader\'s words, so that the window and the CLI say this one sentence in Japanese too', () => {
    const japanese = createTranslator('ja', { ja });
    const lost = (label: string) => ({ label, createdBy: 'u1', before: shared, after: acl({ readUsers: ['u2'], writeUsers: ['u2'] }) });
    const one = findLockout(me, [lost(lockoutLabel.this)]);
    expect(one && sayPhrase(japanese, lockoutPhrase(one))).toBe('保存すると、あなた（a1 経由の u1）はこの項目を読み取ることも変更することもできなくなり、この変更を元に戻すこともできません。');
    const folder = findLockout(me, [lost(lockoutLabel.folder('photos'))]);
    expect(folder && sayPhrase(japanese, lockoutPhrase(folder))).toContain('はフォルダー「photos」を読み取ることも');
    // A folder and six files: five shown, each in Japanese quotes, the rest counted; English keeps its own quotes.
    const many = findLockout(me, [lost(lockoutLabel.folder('photos')), ...['a', 'b', 'c', 'd', 'e', 'f'].map((name) => lost(lockoutLabel.file(`photos/${name}.jpg`)))]);
    expect(many && sayPhrase(japanese, lockoutPhrase(many))).toBe(
      '保存すると、あなた（a1 経由の u1）は 7 件中 7 件の項目にアクセスできなくなります：フォルダー「photos」、「photos/a.jpg」、「photos/b.jpg」、「photos/c.jpg」、「photos/d.jpg」 ほか 2 件。この変更をご自身で元に戻すことはできません。',
    );
    expect(many && inEnglish(lockoutPhrase(many))).toBe(
      'After saving, you (u1 through a1) would lose your own access to 7 of the 7 items: folder "photos", "photos/a.jpg", "photos/b.jpg", "photos/c.jpg", "photos/d.jpg" and 2 more. You could not undo this change yourself.',
    );
  });

  it('names the caller and the application as the address book does, when the window gives names', () => {
    const one = findLockout(me, [{ label: 'this', createdBy: 'u1', before: shared, after: acl({ readUsers: ['u1'], writeUsers: ['u2'] }) }]);
    const names: Record<string, string> = { u1: 'Dana', a1: 'Media Desk' };
    expect(one && inEnglish(lockoutPhrase(one, (id) => names[id] ?? id))).toBe('After saving, you (Dana through Media Desk) will no longer be able to change this, nor undo this change.');
  });

  it('travels as a typed detail of a conflict, read back only when it has the right shape', () => {
    const lockout = findLockout(me, [{ label: 'this', createdBy: 'u1', before: shared, after: acl({ readUsers: ['u2'], writeUsers: ['u2'] }) }]);
    expect(lockout).not.toBeNull();
    if (!lockout) return;
    const data = lockoutError(lockout, phrase('errors:library.acl.confirmSave')).toData();
    expect(data).toMatchObject({ code: 'conflict', message: `${inEnglish(lockoutPhrase(lockout))} Confirm that you want this, then save again.` });
    // Through JSON, as it crosses the contract.
    expect(lockoutOf(JSON.parse(JSON.stringify(data.details)))).toEqual(lockout);
    expect(lockoutOf({ lockout: { ...lockout, kind: 'other' } })).toBeUndefined();
    expect(lockoutOf({ lockout: { ...lockout, items: 'all of them' } })).toBeUndefined();
    expect(lockoutOf({ status: 409 })).toBeUndefined();
    expect(lockoutOf('After saving, you will no longer be able to read this.')).toBeUndefined();
  });
});

describe('normalizeAcl', () => {
  it("accepts the document's singular keys and merges them with the plural ones", () => {
    expect(normalizeAcl({ readUser: ['u1'], readUsers: ['u2'], writeUser: ['u1'], readApp: ['a1'], writeApp: ['a2'] })).toEqual({
      readUsers: ['u2', 'u1'],
      readApps: ['a1'],
      writeUsers: ['u1'],
      writeApps: ['a2'],
    });
  });

  it('trims, drops empty entries and duplicates, keeps the first order', () => {
    expect(normalizeAcl({ readUsers: [' u2', 'u1', 'u2 ', '', '  '] }).readUsers).toEqual(['u2', 'u1']);
  });

  it('takes a bare string as a one-entry list, null and missing as empty, and ignores other keys', () => {
    expect(normalizeAcl({ id: 'f', size: 3, writeApps: 'a1', readUsers: null })).toEqual({ ...emptyAcl(), writeApps: ['a1'] });
    expect(normalizeAcl(undefined)).toEqual(emptyAcl());
  });

  it.each([[{ readUsers: [1] }], [{ writeApps: { a: 1 } }], ['readUsers'], [[['u1']]]])('refuses %j as a validation error', (input) => {
    expect(() => normalizeAcl(input)).toThrow(AppError);
    try {
      normalizeAcl(input);
    } catch (err) {
      expect((err as AppError).code).toBe('validation');
    }
  });
});

describe('diffAcl', () => {
  it('lists what is added and removed per list', () => {
    const before = acl({ readUsers: ['u1', 'u2'], writeApps: ['a1'] });
    const after = acl({ readUsers: ['u2', 'u3'], writeUsers: ['u1'], writeApps: ['a1'] });
    const diff = diffAcl(before, after);
    expect(diff.changed).toBe(true);
    expect(diff.readUsers).toEqual({ added: ['u3'], removed: ['u1'] });
    expect(diff.writeUsers).toEqual({ added: ['u1'], removed: [] });
    expect(diff.writeApps).toEqual({ added: [], removed: [] });
  });

  it('sees no change when only the order differs, and treats a missing ACL as empty', () => {
    expect(diffAcl(acl({ readUsers: ['u1', 'u2'] }), acl({ readUsers: ['u2', 'u1'] })).changed).toBe(false);
    expect(diffAcl(null, acl({ readApps: ['a1'] })).readApps.added).toEqual(['a1']);
  });
});

describe('knownPrincipals', () => {
  it('collects creators, creating apps and everyone named in ACLs, once each', () => {
    const seen = knownPrincipals([
      { createdBy: 'u1', createdWith: 'a1', acl: acl({ readUsers: ['u2'], writeApps: ['a2'] }) },
      { createdBy: 'u2', createdWith: 'a1', acl: null },
    ]);
    expect(seen).toEqual({ users: ['u1', 'u2'], apps: ['a1', 'a2'] });
  });
});
