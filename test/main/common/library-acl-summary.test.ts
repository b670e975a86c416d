import { describe, expect, it } from 'vitest';
import { ja } from '../../../main/common/i18n/locales/ja/index.js';
import { sayPhrase } from '../../../main/common/i18n/phrase.js';
import { createTranslator } from '../../../main/common/i18n/translator.js';
import {
  canAccess,
  emptyAcl,
  presetEveryoneInDomain,
  presetOnlyMe,
  presetOnlyThroughApp,
  summarizeAcl,
  summarizeAclPhrases,
  type Acl,
  type AclOp,
} from '../../../main/common/library-acl.js';

const acl = (lists: Partial<Acl>): Acl => ({ ...emptyAcl(), ...lists });
const users = ['u1', 'u2', 'u3'];
const apps = ['a1', 'a2'];

/** Every user@app pair allowed op on an entity created by `creator`. */
function who(list: Acl, op: AclOp, creator = 'u1'): string[] {
  return users.flatMap((u) => apps.filter((a) => canAccess({ createdBy: creator, acl: list }, op, u, a)).map((a) => `${u}@${a}`));
}

describe('summarizeAcl', () => {
  it('says creator only for empty lists, naming the creator when known', () => {
    expect(summarizeAcl(null, 'u1')).toEqual({ read: 'Only the creator (u1) can read.', write: 'Only the creator (u1) can write.' });
    expect(summarizeAcl(emptyAcl()).read).toBe('Only the creator can read.');
  });

  it('names listed users and warns when the creator is not among them', () => {
    expect(summarizeAcl(acl({ readUsers: ['u2', 'u3'] }), 'u1').read).toBe(
      'Only the users u2 and u3 can read, through any application. The creator (u1) is not listed and cannot read.',
    );
    expect(summarizeAcl(acl({ writeUsers: ['u1'] }), 'u1').write).toBe('Only the user u1 can write, through any application.');
  });

  it('explains an apps-only list as every user of those apps and no one else', () => {
    expect(summarizeAcl(acl({ writeApps: ['app1'] }), 'u1').write).toBe('Any user of the application app1 can write; no one through another application.');
    expect(summarizeAcl(acl({ readApps: ['a1', 'a2', 'a3'] }), 'u1').read).toBe(
      'Any user of the applications a1, a2 and a3 can read; no one through another application.',
    );
  });

  it('combines users and apps', () => {
    expect(summarizeAcl(acl({ readUsers: ['u1'], readApps: ['a2'] }), 'u1').read).toBe('Only the user u1 can read, and only through the application a2.');
  });
});

describe('presets give the access their summary says', () => {
  it('only me: me through any application, not even the creator besides', () => {
    const preset = presetOnlyMe('u2');
    expect(summarizeAcl(preset, 'u1')).toEqual({
      read: 'Only the user u2 can read, through any application. The creator (u1) is not listed and cannot read.',
      write: 'Only the user u2 can write, through any application. The creator (u1) is not listed and cannot write.',
    });
    expect(who(preset, 'read')).toEqual(['u2@a1', 'u2@a2']);
    expect(who(preset, 'write')).toEqual(['u2@a1', 'u2@a2']);
  });

  it('everyone in the domain: every known user (and the current one) through any application', () => {
    const preset = presetEveryoneInDomain({ currentUser: 'u1', knownUsers: ['u3', 'u2', 'u3'] });
    expect(summarizeAcl(preset, 'u1').read).toBe('Only the users u1, u3 and u2 can read, through any application.');
    const everyone = users.flatMap((u) => apps.map((a) => `${u}@${a}`));
    expect(who(preset, 'read')).toEqual(everyone);
    expect(who(preset, 'write')).toEqual(everyone);
    // A user the app has not seen is not in: the protocol has no wildcard.
    expect(canAccess({ createdBy: 'u1', acl: preset }, 'read', 'u-new', 'a1')).toBe(false);
  });

  it('everyone in the domain is never the creator-only empty ACL, even with no known users', () => {
    expect(presetEveryoneInDomain({ currentUser: 'u2', knownUsers: [] }).readUsers).toEqual(['u2']);
  });

  it('only through this application: any user of it, no one through another', () => {
    const preset = presetOnlyThroughApp('a2');
    expect(summarizeAcl(preset, 'u1')).toEqual({
      read: 'Any user of the application a2 can read; no one through another application.',
      write: 'Any user of the application a2 can write; no one through another application.',
    });
    expect(who(preset, 'read')).toEqual(['u1@a2', 'u2@a2', 'u3@a2']);
    expect(who(preset, 'write')).toEqual(['u1@a2', 'u2@a2', 'u3@a2']);
  });
});

describe('the summary with names from the address book', () => {
  const names: Record<string, string> = { u1: 'Ann Lee', u2: 'Bob', a1: 'Media Desk' };
  const name = (id: string) => names[id] ?? id;
  const acl = { readUsers: ['u2', 'u3'], readApps: ['a1'], writeUsers: ['u2'], writeApps: [] };

  it('says every user, application and the creator by name, and unknown ids as they are', () => {
    expect(summarizeAcl(acl, 'u1', name)).toEqual({
      read: 'Only the users Bob and u3 can read, and only through the application Media Desk. The creator (Ann Lee) is not listed and cannot read.',
      write: 'Only the user Bob can write, through any application. The creator (Ann Lee) is not listed and cannot write.',
    });
    expect(summarizeAcl(null, 'u1', name).read).toBe('Only the creator (Ann Lee) can read.');
  });

  it('says ids as before when given no names', () => {
    expect(summarizeAcl(acl, 'u1').write).toBe('Only the user u2 can write, through any application. The creator (u1) is not listed and cannot write.');
  });
});

describe('summarizeAclPhrases', () => {
  const japanese = createTranslator('ja', { ja });
  const inJapanese = (list: Acl | null, creator?: string) => {
    const said = summarizeAclPhrases(list, creator);
    return { read: sayPhrase(japanese, said.read), write: sayPhrase(japanese, said.write) };
  };

  it('says the same rules in Japanese, names listed the Japanese way, with no English word left', () => {
    expect(inJapanese(null, 'u1')).toEqual({ read: '作成者（u1）だけが読み取れます。', write: '作成者（u1）だけが書き込めます。' });
    const lists = acl({ readUsers: ['u2', 'u3'], readApps: ['a1'], writeUsers: ['u1'], writeApps: [] });
    expect(inJapanese(lists, 'u1')).toEqual({
      read: 'ユーザー u2、u3だけが、アプリケーション a1からのみ読み取れます。作成者（u1）はリストになく、読み取れません。',
      write: 'ユーザー u1だけが書き込めます（どのアプリケーションからでも）。',
    });
    expect(inJapanese(acl({ writeApps: ['a1', 'a2'] })).write).toBe('アプリケーション a1、a2のユーザーなら誰でも書き込めます。ほかのアプリケーションからは誰も書き込めません。');
  });

  it('is what summarizeAcl says in English', () => {
    const lists = acl({ readUsers: ['u2', 'u3', 'u4'], writeApps: ['a1'] });
    expect(summarizeAcl(lists, 'u1').read).toBe('Only the users u2, u3 and u4 can read, through any application. The creator (u1) is not listed and cannot read.');
  });
});

describe('the reader\'s own user and app as "you" and "this app"', () => {
  const me = { userId: 'u1', appId: 'a1' };
  const japanese = createTranslator('ja', { ja });
  const english = createTranslator('en');
  const say = (tr: typeof english, list: Acl | null, creator?: string) => {
    const said = summarizeAclPhrases(list, creator, (id) => (id === 'u2' ? 'Bob' : id), me);
    return { read: sayPhrase(tr, said.read), write: sayPhrase(tr, said.write) };
  };

  it('says the creator, a listed user and a listed app as you and this app, others by name', () => {
    expect(say(english, null, 'u1').read).toBe('Only the creator (you) can read.');
    expect(say(english, acl({ readUsers: ['u1'] }), 'u1').read).toBe('Only you can read, through any application.');
    expect(say(english, acl({ readUsers: ['u2', 'u1', 'u3'] }), 'u1').read).toBe('Only you and the users Bob and u3 can read, through any application.');
    expect(say(english, acl({ readUsers: ['u1', 'u2'], readApps: ['a1'] }), 'u1').read).toBe('Only you and the user Bob can read, and only through this app.');
    expect(say(english, acl({ writeApps: ['a2', 'a1'] }), 'u1').write).toBe('Any user of this app and the application a2 can write; no one through another application.');
    expect(say(english, acl({ writeUsers: ['u2'] }), 'u1').write).toBe('Only the user Bob can write, through any application. The creator (you) is not listed and cannot write.');
  });

  it('says them in Japanese too', () => {
    expect(say(japanese, null, 'u1').read).toBe('作成者（あなた）だけが読み取れます。');
    expect(say(japanese, acl({ readUsers: ['u1'] }), 'u1').read).toBe('あなただけが読み取れます（どのアプリケーションからでも）。');
    expect(say(japanese, acl({ readUsers: ['u1', 'u2'], readApps: ['a1'] }), 'u1').read).toBe('あなたとユーザー Bobだけが、このアプリからのみ読み取れます。');
    expect(say(japanese, acl({ writeApps: ['a1'] }), 'u1').write).toBe('このアプリのユーザーなら誰でも書き込めます。ほかのアプリケーションからは誰も書き込めません。');
  });

  it('says someone else\'s creator and lists as before', () => {
    expect(say(english, acl({ readUsers: ['u2'] }), 'u3').read).toBe('Only the user Bob can read, through any application. The creator (u3) is not listed and cannot read.');
  });
});

