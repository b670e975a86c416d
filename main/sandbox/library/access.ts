// The media library's access rules, exactly as PROTOCOLS.md §2 ("Project choice") states them, as pure functions
// so that a table test can cover every rule.
//
// For an operation (read or write), a caller (user U through application A) is allowed when the matching lists
// are both empty and U is the creator; otherwise when (users list empty or U in it) and (apps list empty or A in
// it). A file without an ACL of its own follows its folder's ACL. Changing an ACL needs write access; a folder's
// read access also lets a caller list its files (both enforced by the routes with op 'write' / 'read').
//
// Sandbox choices where the paragraph is silent:
// - "An ACL of its own" means at least one of the four lists is non-empty; saving an ACL with all four lists
//   empty removes the file's own ACL (it follows its folder again). For a folder, all-empty means creator only.
// - When a file follows its folder's ACL and that ACL's lists for the operation are empty, "the creator" is the
//   file's creator (whoever was allowed to write it into the folder keeps access to it).
// - A file's effective ACL alone decides access to it: reaching a file does not also require folder access.
//
// Written apart from main/common/library-acl.ts on purpose: the sandbox is the server every client test talks to,
// and the ACL-effect tests only prove something when the rules the server enforces and the rules the client
// summarises are two implementations that must agree, not one shared by both.

export type AccessOp = 'read' | 'write';

export interface AclLists {
  readUsers: readonly string[];
  readApps: readonly string[];
  writeUsers: readonly string[];
  writeApps: readonly string[];
}

export interface AccessEntity {
  createdBy: string;
  acl: AclLists;
  /** For a file: its folder's ACL, which applies while the file has no ACL of its own. */
  inheritedAcl?: AclLists;
}

export const EMPTY_ACL: AclLists = { readUsers: [], readApps: [], writeUsers: [], writeApps: [] };

export function hasOwnAcl(acl: AclLists): boolean {
  return acl.readUsers.length + acl.readApps.length + acl.writeUsers.length + acl.writeApps.length > 0;
}

export function effectiveAcl(entity: AccessEntity): AclLists {
  if (hasOwnAcl(entity.acl) || entity.inheritedAcl === undefined) return entity.acl;
  return entity.inheritedAcl;
}

export function canAccess(entity: AccessEntity, op: AccessOp, user: string, app: string): boolean {
  const acl = effectiveAcl(entity);
  const users = op === 'read' ? acl.readUsers : acl.writeUsers;
  const apps = op === 'read' ? acl.readApps : acl.writeApps;
  if (users.length === 0 && apps.length === 0) return user === entity.createdBy;
  return (users.length === 0 || users.includes(user)) && (apps.length === 0 || apps.includes(app));
}
