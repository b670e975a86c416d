// A Twilio account as the app stores it, and the checks made when the account form is saved.
// Twilio documents the SID formats (AC/SK + 32 hex). It does not document the format of Auth Tokens or API key
// secrets; every one issued so far is 32 characters (hex for tokens), so other shapes only earn a warning.
import { z } from 'zod';
import { wordsOf } from '../../common/errors.js';
import { phrase, type Phrase } from '../../common/i18n/phrase.js';
import { isLoopbackHost } from '../http/transport.js';
import { ACCOUNT_SID, API_KEY_SID } from './schemas.js';

export const DEFAULT_TWILIO_BASE_URL = 'https://api.twilio.com';

export type TwilioCredential =
  | { kind: 'authToken'; authToken: string }
  | { kind: 'apiKey'; apiKeySid: string; apiKeySecret: string };

export interface TwilioConnection {
  /** Scheme and host, e.g. https://api.twilio.com (a path prefix is kept for proxies). */
  baseUrl: string;
  accountSid: string;
  credential: TwilioCredential;
  /** Lets credentials go over plain http to a host other than this machine. */
  allowInsecure?: boolean;
  /** PEM certificate(s) trusted for this account only. */
  ca?: string;
  /**
   * The embedded sandbox's account, by main's own mark on the saved account (core/accounts/sandbox-mark.ts), never
   * by what the window sent: its media redirects may stay on loopback, where the sandbox's CDN listens.
   */
  sandbox?: boolean;
}

export type TwilioField =
  | 'baseUrl'
  | 'accountSid'
  | 'credential'
  | 'credential.authToken'
  | 'credential.apiKeySid'
  | 'credential.apiKeySecret'
  | 'ca';

export interface FieldProblem {
  field: TwilioField;
  /** In English (the log). */
  message: string;
  /** `message` as a phrase, for the reader's language. */
  phrase: Phrase;
  /** An error blocks saving; a warning is shown and the account may still be saved. */
  severity: 'error' | 'warning';
}

export type TwilioConnectionCheck =
  | { ok: true; connection: TwilioConnection; warnings: FieldProblem[] }
  | { ok: false; problems: FieldProblem[] };

const inputSchema = z.object({
  baseUrl: z.string().optional(),
  accountSid: z.string(),
  credential: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('authToken'), authToken: z.string() }),
    z.object({ kind: z.literal('apiKey'), apiKeySid: z.string(), apiKeySecret: z.string() }),
  ]),
  allowInsecure: z.boolean().optional(),
  ca: z.string().optional(),
  sandbox: z.boolean().optional(),
});

function problem(field: TwilioField, said: Phrase, severity: FieldProblem['severity'] = 'error'): FieldProblem {
  return { field, ...wordsOf(said), severity };
}

function checkBaseUrl(raw: string, allowInsecure: boolean, problems: FieldProblem[]): string | undefined {
  const error = (said: Phrase): undefined => {
    problems.push(problem('baseUrl', said));
    return undefined;
  };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return error(phrase('errors:twilio.form.baseUrlInvalid'));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return error(phrase('errors:twilio.form.baseUrlScheme'));
  if (url.username || url.password) return error(phrase('errors:twilio.form.baseUrlCredentials'));
  if (url.search || url.hash) return error(phrase('errors:twilio.form.baseUrlQuery'));
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !allowInsecure) {
    return error(phrase('errors:twilio.form.baseUrlInsecure'));
  }
  if (url.pathname.includes('/2010-04-01')) return error(phrase('errors:twilio.form.baseUrlPath'));
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function checkSecret(field: TwilioField, label: Phrase | string, value: string, shape: RegExp, shapeKey: 'errors:twilio.form.authTokenShape' | 'errors:twilio.form.apiKeySecretShape', problems: FieldProblem[]): void {
  if (value.length === 0) problems.push(problem(field, phrase('errors:twilio.form.required', { label })));
  else if (/[\s\x00-\x1f\x7f]/.test(value)) problems.push(problem(field, phrase('errors:twilio.form.spaces', { label })));
  else if (!shape.test(value)) problems.push(problem(field, phrase(shapeKey), 'warning'));
}

function checkSid(field: TwilioField, value: string, problems: FieldProblem[]): void {
  const expected = field === 'accountSid' ? ACCOUNT_SID : API_KEY_SID;
  // Twilio's own product names stay as they are in every language.
  const label = field === 'accountSid' ? 'Account SID' : phrase('errors:twilio.form.apiKeySid');
  const prefix = field === 'accountSid' ? 'AC' : 'SK';
  if (expected.test(value)) return;
  let said = phrase('errors:twilio.form.sidShape', { label, prefix });
  if (value.length === 0) said = phrase('errors:twilio.form.required', { label });
  else if (field === 'accountSid' && API_KEY_SID.test(value)) said = phrase('errors:twilio.form.apiKeySidInAccount');
  else if (field !== 'accountSid' && ACCOUNT_SID.test(value)) said = phrase('errors:twilio.form.accountSidInApiKey');
  problems.push(problem(field, said));
}

/**
 * Checks an account form. SIDs are trimmed (pasting often brings a space along); secrets are not, since a
 * space inside one is a sign of a wrong paste that should be shown, not silently repaired.
 */
export function validateTwilioConnection(input: unknown): TwilioConnectionCheck {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: [problem('credential', phrase('errors:twilio.form.incomplete'))] };
  }
  const value = parsed.data;
  const problems: FieldProblem[] = [];
  const allowInsecure = value.allowInsecure === true;
  const baseUrl = checkBaseUrl(value.baseUrl?.trim() || DEFAULT_TWILIO_BASE_URL, allowInsecure, problems);
  const accountSid = value.accountSid.trim();
  checkSid('accountSid', accountSid, problems);

  let credential: TwilioCredential;
  if (value.credential.kind === 'authToken') {
    credential = { kind: 'authToken', authToken: value.credential.authToken };
    checkSecret('credential.authToken', 'Auth Token', credential.authToken, /^[0-9a-fA-F]{32}$/, 'errors:twilio.form.authTokenShape', problems);
  } else {
    credential = { kind: 'apiKey', apiKeySid: value.credential.apiKeySid.trim(), apiKeySecret: value.credential.apiKeySecret };
    checkSid('credential.apiKeySid', credential.apiKeySid, problems);
    checkSecret('credential.apiKeySecret', phrase('errors:twilio.form.apiKeySecret'), credential.apiKeySecret, /^[0-9A-Za-z]{32}$/, 'errors:twilio.form.apiKeySecretShape', problems);
  }

  let ca: string | undefined;
  if (value.ca !== undefined && value.ca.trim() !== '') {
    ca = value.ca.trim();
    if (!/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/.test(ca)) {
      problems.push(problem('ca', phrase('errors:twilio.form.caPem')));
    }
  }

  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 || baseUrl === undefined) return { ok: false, problems };
  const connection: TwilioConnection = { baseUrl, accountSid, credential };
  if (allowInsecure) connection.allowInsecure = true;
  if (ca !== undefined) connection.ca = ca;
  if (value.sandbox === true) connection.sandbox = true;
  return { ok: true, connection, warnings: problems };
}

/** The Basic auth user and password for a connection (API keys authenticate as the key, act on the account). */
export function credentialPair(connection: TwilioConnection): { user: string; password: string } {
  return connection.credential.kind === 'authToken'
    ? { user: connection.accountSid, password: connection.credential.authToken }
    : { user: connection.credential.apiKeySid, password: connection.credential.apiKeySecret };
}
