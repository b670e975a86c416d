// The authentication step around one request: answer the server's 401 challenge (Digest or Basic, the strongest it
// offers), retry once on a stale nonce, and stop at a second refusal instead of looping. Credentials go only over
// https or to this machine, and only to the request's own origin (the transport follows no redirect, and a
// challenge on an answer from anywhere else is not answered).
//
// A large streamed body is never sent just to learn the challenge: it goes with `Expect: 100-continue`, so a 401
// comes back before the body; and a challenge already answered on the same origin (the precheck's) is reused.
import { AppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';

import { chooseChallenge, describeChallenge, DigestSession, parseChallenges, type ChosenChallenge, type Credentials } from './http-auth.js';
import { basicAuth, isLoopbackHost, send, type HttpRequest, type HttpResponse } from './transport.js';
import type { AuthChallengeSource } from '../../common/transfers.js';

export interface AuthSettings extends Credentials {
  /** The settings that hold the credentials, for messages: "genericMediaUploadAuthUsername / …Password". */
  names: string;
}

/** How an authenticated request learned its challenge, for the activity log and the queue. */
export type ChallengeSource = AuthChallengeSource;

export interface AuthOutcome {
  /** "Digest (SHA-256)", "Basic"; absent when the server asked for nothing. */
  scheme?: string;
  source?: ChallengeSource;
}

/** A challenge answered in one run, with its Digest session (nonce and nc) when it is Digest. */
export interface AnsweredChallenge {
  challenge: ChosenChallenge;
  session?: DigestSession;
}

/** Challenges answered in one run (an upload's precheck, upload and reference sends), by origin. */
export class ChallengeCache {
  private readonly byOrigin = new Map<string, AnsweredChallenge>();

  remember(url: URL, answered: AnsweredChallenge): void {
    this.byOrigin.set(url.origin, answered);
  }

  /** A challenge of the same origin whose protection space (its `domain` list, when it gives one) covers url. */
  lookup(url: URL): AnsweredChallenge | undefined {
    const answered = this.byOrigin.get(url.origin);
    const challenge = answered?.challenge;
    if (!challenge || challenge.scheme !== 'digest' || challenge.domain.length === 0) return answered;
    return challenge.domain.some((entry) => {
      const space = safeUrl(entry, url);
      return space !== undefined && space.origin === url.origin && url.pathname.startsWith(space.pathname);
    })
      ? answered
      : undefined;
  }
}

function safeUrl(text: string, base: URL): URL | undefined {
  try {
    return new URL(text, base);
  } catch {
    return undefined;
  }
}

/** Refuses credentials over plain http to a host other than this machine, naming the settings that hold them. */
export function assertCredentialTransport(url: URL, auth: AuthSettings, allowInsecure = false, host = url.host): void {
  if (url.protocol === 'https:' || isLoopbackHost(url.hostname) || allowInsecure) return;
  throw new AppError(
    'insecure',
    phrase('errors:auth.insecurePassword', { names: auth.names, host }),
  );
}

const SOURCE_WORDS: Record<ChallengeSource, string> = {
  reused: "the precheck's challenge reused",
  probe: 'challenge asked with Expect: 100-continue before the body',
  answer: "challenge from the server's first answer",
};

export function describeAuth(outcome: AuthOutcome): string | undefined {
  if (outcome.scheme === undefined) return undefined;
  // "Basic authentication" would read as a credential to the log's redactor (Basic + a word): say it the other way.
  return `authenticated with ${outcome.scheme}${outcome.source ? `; ${SOURCE_WORDS[outcome.source]}` : ''}`;
}

export interface AuthTarget {
  method: string;
  url: URL;
  /** The host as messages may name it. */
  host: string;
  allowInsecure: boolean;
  /** A large streamed body: probe with Expect: 100-continue rather than send it to learn the challenge. */
  streamed: boolean;
}

/**
 * Sends the request `build` makes (called again for each attempt, so a streamed body is made afresh) with the extra
 * headers given, answering an authentication challenge with `auth`. Without auth, a plain send. A 401 after the
 * credentials were answered is 'unauthorized' ("refused the user name or password"), except once for a stale nonce.
 */
export async function sendWithAuth(
  target: AuthTarget,
  build: (headers: Record<string, string>, note?: string) => HttpRequest,
  auth: AuthSettings | undefined,
  cache: ChallengeCache,
  onOutcome?: (outcome: AuthOutcome) => void,
): Promise<HttpResponse> {
  if (!auth) return send(build({}));
  assertCredentialTransport(target.url, auth, target.allowInsecure, target.host);
  const uri = `${target.url.pathname}${target.url.search}`;
  const known = cache.lookup(target.url);
  let challenge = known?.challenge;
  let session = known?.session;
  let source: ChallengeSource = challenge ? 'reused' : target.streamed ? 'probe' : 'answer';
  let staleRetried = false;
  for (let attempt = 0; attempt < 4; attempt++) {
    const headers: Record<string, string> = target.streamed ? { expect: '100-continue' } : {};
    if (challenge?.scheme === 'digest') {
      session ??= new DigestSession(challenge);
      headers.authorization = session.authorization(auth, target.method, uri);
    } else if (challenge) {
      if (auth.username.includes(':')) throw new AppError('config', phrase('errors:auth.basicColon', { names: auth.names }));
      headers.authorization = basicAuth(auth.username, auth.password);
    }
    const outcome: AuthOutcome = challenge ? { scheme: describeChallenge(challenge), source } : {};
    const response = await send(build(headers, describeAuth(outcome)));
    if (response.status !== 401) {
      if (challenge) cache.remember(target.url, { challenge, ...(session ? { session } : {}) });
      onOutcome?.(outcome);
      return response;
    }
    // Only the request's own origin is answered (the transport follows no redirect; this guards any future one).
    const offered = response.url.origin === target.url.origin ? chooseChallenge(parseChallenges(response.headers['www-authenticate'])) : undefined;
    if (!offered) {
      if (challenge) throw refused(response, auth);
      return response; // nothing this client can answer: the caller shows the server's own message
    }
    if (challenge && source !== 'reused') {
      // Our own answer to a fresh challenge was refused: a wrong password, unless the nonce only went stale.
      if (!(offered.scheme === 'digest' && offered.stale) || staleRetried) throw refused(response, auth);
      staleRetried = true;
    } else if (challenge) {
      source = target.streamed ? 'probe' : 'answer'; // the reused challenge did not fit this request
    }
    response.body.resume();
    challenge = offered;
    session = undefined;
  }
  throw new AppError('unauthorized', phrase('errors:auth.keptAsking', { host: target.host }), { status: 401 });
}

function refused(response: HttpResponse, auth: AuthSettings): AppError {
  response.body.resume();
  return new AppError('unauthorized', phrase('errors:auth.refused', { host: response.host, names: auth.names }), { status: 401 });
}
