// Errors that cross the contract: a stable code the UI can branch on and a message a person can read.
// Never a stack trace, never a secret.
import type { AclLockout } from './library-acl.js';
import { inEnglish, isPhrase, phrase, type Phrase, type PhraseValue } from './i18n/phrase.js';

export const ERROR_CODES = [
  'validation', // an argument or a field is malformed
  'config', // an account's configuration cannot work (unknown template variable, bad URL…)
  'not_found',
  'unauthorized', // the remote rejected the credentials
  'forbidden', // the remote (or an ACL) refuses the operation
  'conflict',
  'rate_limited',
  'too_large',
  'unsupported_media', // not a JPEG or an MP4 by its bytes
  'insecure', // a secret would go over plain http, or to another origin
  'network', // connection refused, reset, DNS, TLS
  'timeout',
  'cancelled',
  'remote', // the server answered with an error we pass on
  'protocol', // the server answered something we cannot parse
  'io', // local disk
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorDetails {
  /** HTTP status of the remote answer, where there was one. */
  status?: number;
  /** The remote's own error code (Twilio's 20404…). */
  remoteCode?: number;
  /** A documentation link the remote gave (Twilio's more_info). */
  moreInfo?: string;
  /** The field or argument path a validation error is about. */
  field?: string;
  /** What is wrong with `field`, in words and without naming it: for showing next to the field. */
  reason?: string;
  /** `reason` as a phrase, for the window and the CLI to say in the reader's language. */
  reasonPhrase?: Phrase;
  /** Seconds the remote asked us to wait (Retry-After). */
  retryAfter?: number;
  /** A refused ACL change that would lock the caller out (code 'conflict'); read it with lockoutOf, not from the message. */
  lockout?: AclLockout;
}

/** The plain-data form of an error, as it crosses the contract. */
export interface AppErrorData {
  code: ErrorCode;
  /** In English, always: for the log, and for a reader whose catalogue lacks the phrase. */
  message: string;
  /** The same sentence as a catalogue key and values, for the window and the CLI to say in the reader's language. */
  phrase?: Phrase;
  details?: ErrorDetails;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;
  readonly phrase: Phrase | undefined;

  /** `message` is a phrase from the catalogue; a plain string only for text that is not the app's own words. */
  constructor(code: ErrorCode, message: string | Phrase, details?: ErrorDetails) {
    super(typeof message === 'string' ? message : inEnglish(message));
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.phrase = typeof message === 'string' ? undefined : message;
  }

  toData(): AppErrorData {
    const data: AppErrorData = { code: this.code, message: this.message };
    if (this.phrase) data.phrase = this.phrase;
    if (this.details) data.details = this.details;
    return data;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export function isAppErrorData(value: unknown): value is AppErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && (ERROR_CODES as readonly string[]).includes(v.code) && typeof v.message === 'string' && (v.phrase === undefined || isPhrase(v.phrase));
}

/**
 * Turns anything thrown into an error fit to show. Unknown errors become 'internal' with a generic message:
 * their text may carry paths or secrets, so it goes to the (redacted) log, not to the user.
 */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof Error && err.name === 'AbortError') return new AppError('cancelled', phrase('errors:generic.cancelled'));
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (code === 'ENOENT') return new AppError('io', phrase('errors:files.notFound'));
    if (code === 'EACCES' || code === 'EPERM') return new AppError('io', phrase('errors:files.permissionDenied'));
    if (code === 'ENOSPC') return new AppError('io', phrase('errors:files.diskFull'));
    if (code === 'EDQUOT') return new AppError('io', phrase('errors:files.quotaExceeded'));
    if (code === 'EROFS') return new AppError('io', phrase('errors:files.readOnly'));
    if (code === 'EIO') return new AppError('io', phrase('errors:files.ioError'));
  }
  return new AppError('internal', phrase('errors:generic.internal'));
}

/** Words main keeps or sends (an error's, an item's result): English for the log and support, the phrase for the reader. */
export interface Words {
  message: string;
  phrase?: Phrase;
}

/** A phrase as words: its English and itself. */
export function wordsOf(said: Phrase): { message: string; phrase: Phrase } {
  return { message: inEnglish(said), phrase: said };
}

/** The words alone of an error (or of a result that carries some), without its code or details. */
export function errorWords(error: { message: string; phrase?: Phrase | undefined }): Words {
  return error.phrase ? { message: error.message, phrase: error.phrase } : { message: error.message };
}

/**
 * What an error says (a thrown one, or one as it crossed the contract or another process), or any of main's words
 * (a template problem, a notice), as a value for another phrase ("…: {{reason}}") or to say alone: its phrase when it
 * has one, so that the reader hears it in their language, else its words as they are (a server's, or the system's).
 * Anything that carries a message is taken at its message, whatever its code: an error from another process arrives
 * as a plain object, and is not "[object Object]".
 */
export function sayable(err: unknown): Phrase | string {
  if (!hasMessage(err)) return String(err);
  return isPhrase(err.phrase) ? err.phrase : err.message;
}

function hasMessage(value: unknown): value is { message: string; phrase?: unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

/** Words from main (an error, a result's message) with `redact` applied to the message and to the phrase's values. */
export function redactWords<T extends { message: string; phrase?: Phrase | undefined }>(said: T, redact: (text: string) => string): T {
  return { ...said, message: redact(said.message), ...(said.phrase ? { phrase: redactPhrase(said.phrase, redact) } : {}) };
}

/** A phrase with `redact` applied to every word in it that is not the app's own (its values, nested ones too). */
export function redactPhrase(said: Phrase, redact: (text: string) => string): Phrase {
  if (!said.values) return said;
  const values: Record<string, PhraseValue> = {};
  for (const [name, value] of Object.entries(said.values)) values[name] = typeof value === 'string' ? redact(value) : typeof value === 'number' ? value : Array.isArray(value) ? (value as ReadonlyArray<string | Phrase>).map((item) => (typeof item === 'string' ? redact(item) : redactPhrase(item, redact))) : redactPhrase(value as Phrase, redact);
  return { key: said.key, values };
}
