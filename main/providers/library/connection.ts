// A media library account as the client needs it, checked once when the client is made: the server's URL, the
// domain, and the credentials (HTTP Basic user:password plus the application id in X-Application-Id, the
// project's choice since the document does not describe authentication).
import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { libraryIdProblem } from '../../common/library-ids.js';
import { basicAuth } from '../http/transport.js';

export interface LibraryConnection {
  /** The server's root, e.g. http://127.0.0.1:1234 or https://host/prefix; the client appends /rest/1.0. */
  serverUrl: string;
  domain: string;
  userId: string;
  appId: string;
  password: string;
  /** Allows the password over plain http to a host other than this machine. */
  allowInsecure?: boolean;
  /** Extra PEM certificate(s) trusted for this server only. */
  ca?: string;
}

export const APPLICATION_ID_HEADER = 'X-Application-Id';
const REST_PREFIX = '/rest/1.0';

const CONTROL = /[\u0000-\u001f\u007f]/;

const headerSafe = (what: string) =>
  z
    .string({ error: `The ${what} is missing.` })
    .min(1, `The ${what} is empty.`)
    .max(500, `The ${what} is too long.`)
    .refine((v) => !CONTROL.test(v), `The ${what} contains a control character.`);

const connectionSchema = z.object({
  serverUrl: z.string({ error: 'The server URL is missing.' }).min(1, 'The server URL is empty.'),
  domain: z.string({ error: 'The domain is missing.' }).superRefine((v, ctx) => {
    const problem = libraryIdProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: `The domain ${JSON.stringify(v.slice(0, 60))} cannot be used: ${problem}.` });
  }),
  // Basic auth splits user and password at the first colon, so a user id cannot hold one.
  userId: headerSafe('user id').refine((v) => !v.includes(':'), 'The user id cannot contain ":".'),
  appId: headerSafe('application id'),
  password: z
    .string({ error: 'The password is missing.' })
    .refine((v) => !CONTROL.test(v), 'The password contains a control character.'),
  allowInsecure: z.boolean().optional(),
  ca: z.string().optional(),
});

export interface ResolvedConnection {
  /** The REST root without a trailing slash, e.g. http://127.0.0.1:1234/rest/1.0 */
  restRoot: string;
  /** host:port, for messages. */
  host: string;
  domain: string;
  userId: string;
  appId: string;
  authHeaders: Record<string, string>;
  allowInsecure: boolean;
  ca: string | undefined;
}

function parseServerUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('config', `The server URL "${raw.slice(0, 100)}" is not a valid URL.`, { field: 'serverUrl' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('config', `The server URL must start with https:// (or http:// for this machine), not "${url.protocol}".`, { field: 'serverUrl' });
  }
  if (url.username || url.password) {
    throw new AppError('config', 'The server URL must not contain a user name or password; use the account fields.', { field: 'serverUrl' });
  }
  if (url.search || url.hash) throw new AppError('config', 'The server URL must not contain "?" or "#".', { field: 'serverUrl' });
  return url;
}

/** Validates a connection (from a caller, a settings file, the renderer) and derives what every request needs. */
export function resolveConnection(input: unknown): ResolvedConnection {
  const parsed = connectionSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'connection';
    throw new AppError('config', issue?.message ?? 'The media library account is not valid.', { field });
  }
  const c = parsed.data;
  const url = parseServerUrl(c.serverUrl);
  let path = url.pathname.replace(/\/+$/, '');
  // Tolerate a URL that already names the REST root.
  if (path.endsWith(REST_PREFIX)) path = path.slice(0, -REST_PREFIX.length);
  return {
    restRoot: `${url.origin}${path}${REST_PREFIX}`,
    host: url.host,
    domain: c.domain,
    userId: c.userId,
    appId: c.appId,
    authHeaders: { authorization: basicAuth(c.userId, c.password), [APPLICATION_ID_HEADER.toLowerCase()]: c.appId },
    allowInsecure: c.allowInsecure ?? false,
    ca: c.ca,
  };
}
