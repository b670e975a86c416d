// HTTP authentication's arithmetic: reading WWW-Authenticate (RFC 7235), choosing the strongest challenge this
// client can answer, and the Authorization header for Basic (RFC 7617) and Digest (RFC 7616: MD5, SHA-256 and their
// -sess variants, qop=auth, userhash). Written here rather than taken from a package: it is about 200 lines over
// node:crypto, and the maintained packages either pull in a whole HTTP client or stop at MD5 without -sess/userhash.
import { createHash, randomBytes } from 'node:crypto';

export interface Challenge {
  /** Lower case: 'basic', 'digest', … */
  scheme: string;
  /** Parameter names in lower case, values unquoted. */
  params: Record<string, string>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;

/** Every challenge in one or more WWW-Authenticate headers; what cannot be read is skipped, never thrown. */
export function parseChallenges(header: string | string[] | undefined): Challenge[] {
  const texts = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return texts.flatMap(parseChallengeList);
}

function parseChallengeList(text: string): Challenge[] {
  const challenges: Challenge[] = [];
  let rest = text;
  let current: Challenge | undefined;
  while (rest.length > 0) {
    rest = rest.replace(/^[\s,]+/, '');
    const token = TOKEN.exec(rest)?.[0];
    if (!token) break;
    const afterToken = rest.slice(token.length);
    const param = /^\s*=\s*/.exec(afterToken);
    // A token followed by "=" is a parameter of the current challenge (token68 values are not used by Basic/Digest).
    if (param && current && !/^\s*=\s*=/.test(afterToken)) {
      rest = afterToken.slice(param[0].length);
      let value: string;
      if (rest.startsWith('"')) {
        const quoted = /^"((?:[^"\\]|\\.)*)"/s.exec(rest);
        if (!quoted) break;
        value = (quoted[1] ?? '').replace(/\\(.)/gs, '$1');
        rest = rest.slice(quoted[0].length);
      } else {
        value = TOKEN.exec(rest)?.[0] ?? '';
        rest = rest.slice(value.length);
      }
      current.params[token.toLowerCase()] ??= value;
      continue;
    }
    current = { scheme: token.toLowerCase(), params: {} };
    challenges.push(current);
    rest = afterToken.replace(/^\s*[A-Za-z0-9._~+/-]+=*\s*(?=,|$)/, ''); // a token68, if any
  }
  return challenges;
}

export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';
const DIGEST_ALGORITHMS: readonly DigestAlgorithm[] = ['SHA-256-sess', 'SHA-256', 'MD5-sess', 'MD5'];

export type ChosenChallenge =
  | { scheme: 'basic'; realm: string }
  | { scheme: 'digest'; realm: string; algorithm: DigestAlgorithm; nonce: string; opaque?: string; qop?: 'auth'; userhash: boolean; stale: boolean; domain: string[] };

/** The strongest challenge this client answers: Digest SHA-256 before MD5, then Basic. Undefined when none fits. */
export function chooseChallenge(challenges: readonly Challenge[]): ChosenChallenge | undefined {
  const digests = challenges.flatMap((c): ChosenChallenge[] => {
    if (c.scheme !== 'digest' || !c.params.nonce) return [];
    const algorithm = DIGEST_ALGORITHMS.find((a) => a.toLowerCase() === (c.params.algorithm ?? 'MD5').toLowerCase());
    if (!algorithm) return [];
    const qops = c.params.qop?.split(',').map((q) => q.trim().toLowerCase());
    // qop=auth-int would need a hash of the whole body before sending it; without qop (RFC 2069) -sess is undefined.
    if (qops && !qops.includes('auth')) return [];
    if (!qops && algorithm.endsWith('-sess')) return [];
    return [
      {
        scheme: 'digest',
        realm: c.params.realm ?? '',
        algorithm,
        nonce: c.params.nonce,
        ...(c.params.opaque !== undefined ? { opaque: c.params.opaque } : {}),
        ...(qops ? { qop: 'auth' as const } : {}),
        userhash: c.params.userhash?.toLowerCase() === 'true',
        stale: c.params.stale?.toLowerCase() === 'true',
        domain: (c.params.domain ?? '').split(/\s+/).filter((d) => d !== ''),
      },
    ];
  });
  digests.sort((a, b) => rank(a) - rank(b));
  if (digests[0]) return digests[0];
  const basic = challenges.find((c) => c.scheme === 'basic');
  return basic ? { scheme: 'basic', realm: basic.params.realm ?? '' } : undefined;
}

function rank(challenge: ChosenChallenge): number {
  return challenge.scheme === 'digest' ? DIGEST_ALGORITHMS.indexOf(challenge.algorithm) : DIGEST_ALGORITHMS.length;
}

/** A human name: "Digest (SHA-256)", "Basic". */
export function describeChallenge(challenge: ChosenChallenge): string {
  return challenge.scheme === 'digest' ? `Digest (${challenge.algorithm})` : 'Basic';
}

export interface Credentials {
  username: string;
  password: string;
}

/**
 * Answers one Digest challenge for as long as the server accepts its nonce: each request counts up nc with a new
 * cnonce (shared by every request of a run that reuses the nonce, so no nc is sent twice). The -sess session key is
 * worked out once per nonce and credentials, with the first cnonce (RFC 7616 §3.4.2).
 */
export class DigestSession {
  private nc = 0;
  private readonly sessionKeys = new Map<string, string>();

  constructor(
    readonly challenge: Extract<ChosenChallenge, { scheme: 'digest' }>,
    private readonly makeCnonce: () => string = () => randomBytes(16).toString('hex'),
  ) {}

  /** `uri` is the request-target as sent: path and query. */
  authorization(credentials: Credentials, method: string, uri: string): string {
    const { challenge } = this;
    const hash = (text: string): string => createHash(challenge.algorithm.startsWith('SHA-256') ? 'sha256' : 'md5').update(text, 'utf8').digest('hex');
    const cnonce = this.makeCnonce();
    this.nc += 1;
    const nc = this.nc.toString(16).padStart(8, '0');
    let ha1 = hash(`${credentials.username}:${challenge.realm}:${credentials.password}`);
    if (challenge.algorithm.endsWith('-sess')) {
      const known = this.sessionKeys.get(ha1) ?? hash(`${ha1}:${challenge.nonce}:${cnonce}`);
      this.sessionKeys.set(ha1, known);
      ha1 = known;
    }
    const ha2 = hash(`${method.toUpperCase()}:${uri}`);
    const response = challenge.qop ? hash(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`) : hash(`${ha1}:${challenge.nonce}:${ha2}`);
    const parts = [
      usernameParam(credentials.username),
      `realm=${quote(challenge.realm)}`,
      `uri=${quote(uri)}`,
      `algorithm=${challenge.algorithm}`,
      `nonce=${quote(challenge.nonce)}`,
      ...(challenge.qop ? [`qop=auth`, `nc=${nc}`, `cnonce=${quote(cnonce)}`] : []),
      `response=${quote(response)}`,
      ...(challenge.opaque !== undefined ? [`opaque=${quote(challenge.opaque)}`] : []),
      ...(challenge.userhash ? ['userhash=true'] : []),
    ];
    return `Digest ${parts.join(', ')}`;

    function usernameParam(username: string): string {
      if (challenge.userhash) return `username=${quote(hash(`${username}:${challenge.realm}`))}`;
      // A user name a quoted-string cannot carry (non-ASCII) goes in username* (RFC 7616 §3.4.4, RFC 8187).
      if (/[^\x20-\x7e]/.test(username)) return `username*=UTF-8''${encodeRfc8187(username)}`;
      return `username=${quote(username)}`;
    }
  }
}

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}
