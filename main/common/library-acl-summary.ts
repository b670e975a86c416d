// Plain-language sentences for who can read and who can write under an ACL, following the same rules as
// canAccess (library-acl.ts), so that what the editor says is what the server does. Pure code.
import type { Acl, AclOp } from './library-acl.js';

/** How an id is said in a sentence (a name from the address book); without one, the id itself. */
export type IdNamer = (id: string) => string;

const asIs: IdNamer = (id) => id;

export interface AclSummary {
  read: string;
  write: string;
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function usersPhrase(users: readonly string[], name: IdNamer): string {
  return `${users.length === 1 ? 'the user' : 'the users'} ${joinNames(users.map(name))}`;
}

function appsPhrase(apps: readonly string[], name: IdNamer): string {
  return `${apps.length === 1 ? 'the application' : 'the applications'} ${joinNames(apps.map(name))}`;
}

function sentenceFor(acl: Acl | null, op: AclOp, creator: string | undefined, name: IdNamer): string {
  const users = acl ? (op === 'read' ? acl.readUsers : acl.writeUsers) : [];
  const apps = acl ? (op === 'read' ? acl.readApps : acl.writeApps) : [];
  const theCreator = creator ? `the creator (${name(creator)})` : 'the creator';
  if (users.length === 0 && apps.length === 0) return `Only ${theCreator} can ${op}.`;
  if (users.length === 0) return `Any user of ${appsPhrase(apps, name)} can ${op}; no one through another application.`;
  const main =
    apps.length === 0
      ? `Only ${usersPhrase(users, name)} can ${op}, through any application.`
      : `Only ${usersPhrase(users, name)} can ${op}, and only through ${appsPhrase(apps, name)}.`;
  // The document's trap: setting an ACL drops the creator unless he lists himself.
  const creatorNote = creator && !users.includes(creator) ? ` ${capitalize(theCreator)} is not listed and cannot ${op}.` : '';
  return main + creatorNote;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * One sentence for read access and one for write access; a null ACL is the default (creator only). `name` says each
 * id as the reader knows it (the address book); without it, ids are said as they are.
 */
export function summarizeAcl(acl: Acl | null | undefined, creator?: string | null, name: IdNamer = asIs): AclSummary {
  const who = creator ?? undefined;
  return { read: sentenceFor(acl ?? null, 'read', who, name), write: sentenceFor(acl ?? null, 'write', who, name) };
}
