// The browser host's one session. The printed URL carries a launch token that is good for one exchange: the first
// GET /?token=… trades it for a random session id, set as a cookie named for this host's port (a browser sends a
// 127.0.0.1 cookie to every port, so a second host must neither overwrite nor accept it). The token in a terminal's
// scrollback, a shell history or a process list is then worth nothing, and the session id never appears in a URL.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { phrase, type Phrase } from '../common/i18n/phrase.js';

export function sessionCookieName(port: number): string {
  return `md_session_${port}`;
}

function secretsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

export type Exchange =
  /** The token was good and unspent: set this cookie and send the browser on to a URL without the token. */
  | { kind: 'signed-in'; setCookie: string }
  /** The request already carries the session (a reload, or the printed URL opened again in the same browser). */
  | { kind: 'already-signed-in' }
  /** Refused (401), and why, for the person who opened the address. */
  | { kind: 'refused'; said: Phrase };

export class LaunchSession {
  private spent = false;
  private sessionId: string | undefined;
  readonly cookieName: string;

  constructor(
    readonly token: string,
    port: number,
  ) {
    this.cookieName = sessionCookieName(port);
  }

  /** True when the Cookie header carries this host's session. Nothing else (no Bearer header, no token) counts. */
  holdsSession(cookieHeader: string | undefined): boolean {
    const presented = cookieValue(cookieHeader, this.cookieName);
    return this.sessionId !== undefined && presented !== undefined && secretsEqual(presented, this.sessionId);
  }

  exchange(presentedToken: string, cookieHeader: string | undefined): Exchange {
    if (this.holdsSession(cookieHeader)) return { kind: 'already-signed-in' };
    if (!secretsEqual(presentedToken, this.token)) return { kind: 'refused', said: phrase('desktop:webhost.page.tokenWrong') };
    if (this.spent) return { kind: 'refused', said: phrase('desktop:webhost.page.tokenSpent') };
    this.spent = true;
    this.sessionId = randomBytes(32).toString('base64url');
    return { kind: 'signed-in', setCookie: `${this.cookieName}=${this.sessionId}; HttpOnly; SameSite=Strict; Path=/` };
  }
}
