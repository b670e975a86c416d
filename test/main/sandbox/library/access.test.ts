// The media library's access rules (PROTOCOLS.md §2, "Project choice"), rule by rule, user by user, app by app.
import { describe, expect, it } from 'vitest';
import { canAccess, EMPTY_ACL, effectiveAcl, hasOwnAcl, type AccessEntity, type AccessOp, type AclLists } from '../../../../main/sandbox/library/access.js';

const CREATOR = 'user-creator';
const ALICE = 'user-alice';
const BOB = 'user-bob';
const APP_MAIN = 'app-main';
const APP_PARTNER = 'app-partner';
const USERS = [CREATOR, ALICE, BOB];
const APPS = [APP_MAIN, APP_PARTNER];

function acl(lists: Partial<AclLists>): AclLists {
  return { ...EMPTY_ACL, ...lists };
}

interface Rule {
  rule: string;
  entity: AccessEntity;
  op: AccessOp;
  /** Every (user, app) pair that is let in; all other pairs are refused. */
  allowed: Array<[string, string]>;
}

const everyApp = (user: string): Array<[string, string]> => APPS.map((app) => [user, app]);

const RULES: Rule[] = [
  {
    rule: 'no ACL: only the creator, through any application (read)',
    entity: { createdBy: CREATOR, acl: EMPTY_ACL },
    op: 'read',
    allowed: everyApp(CREATOR),
  },
  {
    rule: 'no ACL: only the creator, through any application (write)',
    entity: { createdBy: CREATOR, acl: EMPTY_ACL },
    op: 'write',
    allowed: everyApp(CREATOR),
  },
  {
    rule: 'a users list lets exactly those users in, through any application',
    entity: { createdBy: CREATOR, acl: acl({ readUsers: [CREATOR, ALICE] }) },
    op: 'read',
    allowed: [...everyApp(CREATOR), ...everyApp(ALICE)],
  },
  {
    rule: 'a creator who does not list himself loses access',
    entity: { createdBy: CREATOR, acl: acl({ readUsers: [ALICE] }) },
    op: 'read',
    allowed: everyApp(ALICE),
  },
  {
    rule: 'read lists do not grant write: with empty write lists only the creator writes',
    entity: { createdBy: CREATOR, acl: acl({ readUsers: [ALICE, BOB] }) },
    op: 'write',
    allowed: everyApp(CREATOR),
  },
  {
    rule: 'write lists do not grant read: with empty read lists only the creator reads',
    entity: { createdBy: CREATOR, acl: acl({ writeUsers: [ALICE] }) },
    op: 'read',
    allowed: everyApp(CREATOR),
  },
  {
    rule: 'a write users list lets exactly those users write',
    entity: { createdBy: CREATOR, acl: acl({ writeUsers: [ALICE] }) },
    op: 'write',
    allowed: everyApp(ALICE),
  },
  {
    rule: 'apps without users: every user of those applications, no one through another application',
    entity: { createdBy: CREATOR, acl: acl({ readApps: [APP_PARTNER] }) },
    op: 'read',
    allowed: USERS.map((user) => [user, APP_PARTNER]),
  },
  {
    rule: 'apps without users, for write',
    entity: { createdBy: CREATOR, acl: acl({ writeApps: [APP_MAIN] }) },
    op: 'write',
    allowed: USERS.map((user) => [user, APP_MAIN]),
  },
  {
    rule: 'users and apps: the user must be listed AND call through a listed application',
    entity: { createdBy: CREATOR, acl: acl({ readUsers: [ALICE, BOB], readApps: [APP_PARTNER] }) },
    op: 'read',
    allowed: [
      [ALICE, APP_PARTNER],
      [BOB, APP_PARTNER],
    ],
  },
  {
    rule: 'a file without an ACL of its own follows its folder ACL',
    entity: { createdBy: CREATOR, acl: EMPTY_ACL, inheritedAcl: acl({ readUsers: [ALICE], readApps: [APP_MAIN] }) },
    op: 'read',
    allowed: [[ALICE, APP_MAIN]],
  },
  {
    rule: 'a file following a folder whose lists for the operation are empty: the file creator only',
    entity: { createdBy: BOB, acl: EMPTY_ACL, inheritedAcl: acl({ readUsers: [ALICE] }) },
    op: 'write',
    allowed: everyApp(BOB),
  },
  {
    rule: 'a file with an ACL of its own ignores its folder ACL',
    entity: { createdBy: CREATOR, acl: acl({ readUsers: [BOB] }), inheritedAcl: acl({ readUsers: [ALICE], readApps: [APP_MAIN] }) },
    op: 'read',
    allowed: everyApp(BOB),
  },
  {
    rule: "a file's own ACL with empty write lists: only the file creator writes, whatever the folder says",
    entity: { createdBy: CREATOR, acl: acl({ readUsers: [BOB] }), inheritedAcl: acl({ writeUsers: [ALICE] }) },
    op: 'write',
    allowed: everyApp(CREATOR),
  },
];

describe('canAccess', () => {
  for (const { rule, entity, op, allowed } of RULES) {
    describe(rule, () => {
      for (const user of USERS) {
        for (const app of APPS) {
          const expected = allowed.some(([u, a]) => u === user && a === app);
          it(`${expected ? 'lets in' : 'refuses'} ${user} through ${app} (${op})`, () => {
            expect(canAccess(entity, op, user, app)).toBe(expected);
          });
        }
      }
    });
  }
});

describe('effectiveAcl', () => {
  it('is the entity ACL when it has entries, else the inherited one, else the (empty) own ACL', () => {
    const own = acl({ writeApps: [APP_MAIN] });
    const folder = acl({ readUsers: [ALICE] });
    expect(effectiveAcl({ createdBy: CREATOR, acl: own, inheritedAcl: folder })).toBe(own);
    expect(effectiveAcl({ createdBy: CREATOR, acl: EMPTY_ACL, inheritedAcl: folder })).toBe(folder);
    expect(effectiveAcl({ createdBy: CREATOR, acl: EMPTY_ACL })).toBe(EMPTY_ACL);
  });

  it('counts any one non-empty list as an ACL of its own', () => {
    expect(hasOwnAcl(EMPTY_ACL)).toBe(false);
    for (const key of ['readUsers', 'readApps', 'writeUsers', 'writeApps'] as const) {
      expect(hasOwnAcl(acl({ [key]: [ALICE] }))).toBe(true);
    }
  });
});
