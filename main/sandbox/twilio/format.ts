// Twilio's identifiers and date format.
import { createHash, randomBytes } from 'node:crypto';

export type SidPrefix = 'AC' | 'SK' | 'MM' | 'SM' | 'ME' | 'MG';

export const SID_PATTERNS = {
  account: /^AC[0-9a-f]{32}$/i,
  message: /^(SM|MM)[0-9a-f]{32}$/i,
  media: /^ME[0-9a-f]{32}$/i,
} as const;

export function randomSid(prefix: SidPrefix): string {
  return prefix + randomBytes(16).toString('hex');
}

/** The same sid for the same seed parts, every time: demo data stays identical across machines and restarts. */
export function derivedSid(prefix: SidPrefix, ...seed: string[]): string {
  return prefix + createHash('sha256').update(seed.join('\u0000')).digest('hex').slice(0, 32);
}

/** RFC 2822 in GMT, as Twilio writes it: "Fri, 17 Jul 2009 01:52:49 +0000". */
export function rfc2822(epochMs: number): string {
  return new Date(epochMs).toUTCString().replace(/GMT$/, '+0000');
}
