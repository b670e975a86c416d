import { timingSafeEqual } from 'node:crypto';
import type http from 'node:http';

export interface BasicCredentials {
  user: string;
  password: string;
}

/** The user and password of an `Authorization: Basic …` header, or null when there is none or it is malformed. */
export function parseBasicAuth(req: http.IncomingMessage): BasicCredentials | null {
  const value = req.headers.authorization;
  if (value === undefined) return null;
  const match = /^\s*basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(value);
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Compares secrets in constant time, so response timing does not reveal how much of a guess was right. */
export function secretsEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  if (a.length !== b.length) {
    timingSafeEqual(b, b);
    return false;
  }
  return timingSafeEqual(a, b);
}
