// Plain-language sentences for who can read and who can write under an ACL, following the same rules as
// canAccess (library-acl.ts), so that what the editor says is what the server does. One home for the rule: the
// window, the CLI and the English summary all say these phrases. Pure code.
import { inEnglish, phrase, type Phrase } from './i18n/phrase.js';
import type { Acl, AclOp } from './library-acl.js';

/** How an id is said in a sentence (a name from the address book); without one, the id itself. */
export type IdNamer = (id: string) => string;

const asIs: IdNamer = (id) => id;

/** Who reads the sentence: his own user and application are said as "you" and "this app", not by their ids. */
export interface AclReader {
  userId?: string | undefined;
  appId?: string | undefined;
}

export interface AclSummary {
  read: string;
  write: string;
}

export interface AclSummaryPhrases {
  read: Phrase;
  write: Phrase;
}

/** The listed ids as one noun: "you and the users a and b" / "this app and the application c" / "the users a and b". */
function listNoun(ids: readonly string[], self: string | undefined, kind: 'users' | 'apps', name: IdNamer): Phrase {
  const others = ids.filter((id) => id !== self).map(name);
  const selfKey = kind === 'users' ? 'library:summary.you' : 'library:summary.thisApp';
  if (others.length === ids.length) return phrase(`library:summary.${kind}Noun`, { count: others.length, names: others });
  if (others.length === 0) return phrase(selfKey);
  return phrase(kind === 'users' ? 'library:summary.youAndUsers' : 'library:summary.thisAppAndApps', { count: others.length, names: others });
}

function phraseFor(acl: Acl | null, op: AclOp, creator: string | undefined, name: IdNamer, me: AclReader): Phrase {
  const users = acl ? (op === 'read' ? acl.readUsers : acl.writeUsers) : [];
  const apps = acl ? (op === 'read' ? acl.readApps : acl.writeApps) : [];
  const creatorSaid = (id: string): Phrase | string => (id === me.userId ? phrase('library:summary.you') : name(id));
  if (users.length === 0 && apps.length === 0) {
    return creator ? phrase(`library:summary.creatorOnlyNamed.${op}`, { creator: creatorSaid(creator) }) : phrase(`library:summary.creatorOnly.${op}`);
  }
  const appsNoun = listNoun(apps, me.appId, 'apps', name);
  if (users.length === 0) return phrase(`library:summary.appsOnly.${op}`, { apps: appsNoun });
  const usersNoun = listNoun(users, me.userId, 'users', name);
  // The document's trap: setting an ACL drops the creator unless he lists himself.
  if (creator && !users.includes(creator)) {
    const said = creatorSaid(creator);
    return apps.length === 0
      ? phrase(`library:summary.usersCreatorOut.${op}`, { users: usersNoun, creator: said })
      : phrase(`library:summary.usersAppsCreatorOut.${op}`, { users: usersNoun, apps: appsNoun, creator: said });
  }
  return apps.length === 0 ? phrase(`library:summary.users.${op}`, { users: usersNoun }) : phrase(`library:summary.usersApps.${op}`, { users: usersNoun, apps: appsNoun });
}

/**
 * One sentence for read access and one for write access, as phrases for the reader's language; a null ACL is the
 * default (creator only). `name` says each id as the reader knows it (the address book); without it, ids as they are.
 * `me` is the reader: his user and application are said as "you" and "this app".
 */
export function summarizeAclPhrases(acl: Acl | null | undefined, creator?: string | null, name: IdNamer = asIs, me: AclReader = {}): AclSummaryPhrases {
  const who = creator ?? undefined;
  return { read: phraseFor(acl ?? null, 'read', who, name, me), write: phraseFor(acl ?? null, 'write', who, name, me) };
}

/** summarizeAclPhrases in English: for --json documents, the log and support. */
export function summarizeAcl(acl: Acl | null | undefined, creator?: string | null, name: IdNamer = asIs): AclSummary {
  const said = summarizeAclPhrases(acl, creator, name);
  return { read: inEnglish(said.read), write: inEnglish(said.write) };
}
