// Exit codes a script can branch on. They sort failures by who has to act: the caller (usage), the server
// (remote) or this machine (local). AppError codes are mapped here once, so every command agrees.
import type { AppError, ErrorCode } from '../common/errors.js';

export const EXIT = {
  ok: 0,
  /** A bug in media-desk: nothing the caller did wrong. */
  unexpected: 1,
  usage: 2,
  remote: 3,
  local: 4,
  /** Ctrl-C, the shell's convention (128 + SIGINT). */
  cancelled: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const BY_ERROR_CODE: Record<ErrorCode, ExitCode> = {
  // An argument the caller can fix, found before anything is sent: a malformed SID, a file named "acl", a date range
  // that is empty… (a server's 400 carries its status: see exitCodeFor)
  validation: EXIT.usage,
  unauthorized: EXIT.remote,
  forbidden: EXIT.remote,
  not_found: EXIT.remote,
  conflict: EXIT.remote,
  rate_limited: EXIT.remote,
  too_large: EXIT.remote,
  remote: EXIT.remote,
  protocol: EXIT.remote,
  // A server that cannot be reached or does not answer is the remote side failing, not this machine.
  network: EXIT.remote,
  timeout: EXIT.remote,
  io: EXIT.local,
  config: EXIT.local,
  // The file on this machine is not a JPEG or MP4: the caller's file, checked before anything is sent.
  unsupported_media: EXIT.local,
  // The account would send its secret in clear text: its configuration has to change.
  insecure: EXIT.local,
  cancelled: EXIT.cancelled,
  internal: EXIT.unexpected,
};

/**
 * A server's refusal is remote whatever its code: a Twilio or media library 400 maps to 'validation' (the app shows
 * it beside the field), but the caller's command line was fine, the server refused it.
 */
export function exitCodeFor(error: { code: ErrorCode; details?: AppError['details'] }): ExitCode {
  if (error.details?.status !== undefined && error.code !== 'cancelled') return EXIT.remote;
  return BY_ERROR_CODE[error.code];
}
