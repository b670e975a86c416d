// A media library account as the client needs it, checked once when the client is made: the server's URL, the
// domain, and the credentials (HTTP Basic user:password plus the application id in X-Application-Id, the
// project's choice since the document does not describe authentication).
import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { phrase, type Phrase } from '../../common/i18n/phrase.js';
import { libraryIdProblemPhrase, libraryIdRefusal } from '../../common/library-ids.js';
import { fieldError, fieldMessage, issuePhrase } from '../../common/validation-messages.js';
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

const headerSafe = (what: Phrase) =>
  z
    .string(fieldError(phrase('errors:library.field.missing', { what })))
    .min(1, fieldError(phrase('errors:library.field.empty', { what })))
    .max(500, fieldError(phrase('errors:library.field.long', { what })))
    .refine((v) => !CONTROL.test(v), fieldError(phrase('errors:library.field.control', { what })));

const connectionSchema = z.object({
  serverUrl: z
    .string(fieldError(phrase('errors:library.field.missing', { what: phrase('errors:library.field.serverUrl') })))
    .min(1, fieldError(phrase('errors:library.field.empty', { what: phrase('errors:library.field.serverUrl') }))),
  domain: z.string(fieldError(phrase('errors:library.field.missing', { what: phrase('errors:library.field.domain') }))).superRefine((v, ctx) => {
    const problem = libraryIdProblemPhrase(v);
    if (problem) ctx.addIssue({ code: 'custom', message: fieldMessage(libraryIdRefusal(v, 'domain', problem)) });
  }),
  // Basic auth splits user and password at the first colon, so a user id cannot hold one.
  userId: headerSafe(phrase('errors:library.field.userId')).refine((v) => !v.includes(':'), fieldError(phrase('errors:library.field.userIdColon'))),
  appId: headerSafe(phrase('errors:library.field.appId')),
  password: z
    .string(fieldError(phrase('errors:library.field.missing', { what: phrase('errors:library.field.password') })))
    .refine((v) => !CONTROL.test(v), fieldError(phrase('errors:library.field.control', { what: phrase('errors:library.field.password') }))),
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
  /** What of the credentials is secret: hidden in the server's words (serverWords) wherever it quotes them. */
  secrets: readonly string[];
  allowInsecure: boolean;
  ca: string | undefined;
}

function parseServerUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('config', phrase('errors:library.urlInvalid', { url: raw.slice(0, 100) }), { field: 'serverUrl' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('config', phrase('errors:library.urlScheme', { scheme: url.protocol }), { field: 'serverUrl' });
  }
  if (url.username || url.password) {
    throw new AppError('config', phrase('errors:library.urlCredentials'), { field: 'serverUrl' });
  }
  if (url.search || url.hash) throw new AppError('config', phrase('errors:library.urlQuery'), { field: 'serverUrl' });
  return url;
}

/** Validates a connection (from a caller, a settings file, the renderer) and derives what every request needs. */
export function resolveConnection(input: unknown): ResolvedConnection {
  const parsed = connectionSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'connection';
    throw new AppError('config', issue ? issuePhrase(issue) : phrase('errors:library.accountInvalid'), { field });

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
    secrets: [c.password],
    allowInsecure: c.allowInsecure ?? false,
    ca: c.ca,
  };
}
