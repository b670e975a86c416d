// Plain-language sentences for who can read and who can write under an ACL, following the same rules as
// canAccess (library-acl.ts), so that what the editor says is what the server does. One home for the rule: the
// window, the CLI and the English summary all say these phrases. Pure code.
import { inEnglish, phrase, type Phrase } from './i18n/phrase.js';
import type { Acl, AclOp } from './library-acl.js';

/** How an id is said in a sentence (a name from the address book); without one, the id itself. */
export type IdNamer = (id: string) => string;

const asIs: IdNamer = (id) => id;

export interface AclSummary {
  read: string;
  write: string;
}

export interface AclSummaryPhrases {
  read: Phrase;
  write: Phrase;
}

function phraseFor(acl: Acl | null, op: AclOp, creator: string | undefined, name: IdNamer): Phrase {
  const users = acl ? (op === 'read' ? acl.readUsers : acl.writeUsers) : [];
  const apps = acl ? (op === 'read' ? acl.readApps : acl.writeApps) : [];
  if (users.length === 0 && apps.length === 0) {
    return creator ? phrase(`library:summary.creatorOnlyNamed.${op}`, { creator: name(creator) }) : phrase(`library:summary.creatorOnly.${op}`);
  }
  const appsNoun = phrase('library:summary.appsNoun', { count: apps.length, names: apps.map(name) });
  if (users.length === 0) return phrase(`library:summary.appsOnly.${op}`, { apps: appsNoun });
  const usersNoun = phrase('library:summary.usersNoun', { count: users.length, names: users.map(name) });
  // The document's trap: setting an ACL drops the creator unless he lists himself.
  if (creator && !users.includes(creator)) {
    const said = name(creator);
    return apps.length === 0
      ? phrase(`library:summary.usersCreatorOut.${op}`, { users: usersNoun, creator: said })
      : phrase(`library:summary.usersAppsCreatorOut.${op}`, { users: usersNoun, apps: appsNoun, creator: said });
  }
  return apps.length === 0 ? phrase(`library:summary.users.${op}`, { users: usersNoun }) : phrase(`library:summary.usersApps.${op}`, { users: usersNoun, apps: appsNoun });
}

/**
 * One sentence for read access and one for write access, as phrases for the reader's language; a null ACL is the
 * default (creator only). `name` says each id as the reader knows it (the address book); without it, ids as they are.
 */
export function summarizeAclPhrases(acl: Acl | null | undefined, creator?: string | null, name: IdNamer = asIs): AclSummaryPhrases {
  const who = creator ?? undefined;
  return { read: phraseFor(acl ?? null, 'read', who, name), write: phraseFor(acl ?? null, 'write', who, name) };
}

/** summarizeAclPhrases in English: for --json documents, the log and support. */
export function summarizeAcl(acl: Acl | null | undefined, creator?: string | null, name: IdNamer = asIs): AclSummary {
  const said = summarizeAclPhrases(acl, creator, name);
  return { read: inEnglish(said.read), write: inEnglish(said.write) };
}
