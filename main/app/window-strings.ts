// The strings of a call's arguments, as the redactor is told them (main/core/log/window-said.ts): every value and
// key the window wrote, except the fields through which it types a new secret. Those are not words main quotes
// back; leaving a typed secret visible wherever it appears would show a server's echo of it too.
import type { MethodName } from '../common/contract.js';

const TYPED_SECRETS: Partial<Record<MethodName, readonly string[]>> = {
  'accounts.create': ['secret', 'authSecrets'],
  'accounts.update': ['secret', 'authSecrets'],
  'accounts.testConfig': ['secret', 'authSecrets'],
  'settings.setProxyPassword': ['password'],
};

export function windowStrings(method: MethodName, args: unknown): string[] {
  const skip = new Set(TYPED_SECRETS[method] ?? []);
  if (skip.size === 0 || args === null || typeof args !== 'object') return stringsIn(args, true);
  return Object.entries(args).flatMap(([key, value]) => (skip.has(key) ? [] : [key, ...stringsIn(value, true)]));
}

/** Every string in `value` (an object's keys too, if asked). */
export function stringsIn(value: unknown, keys = false): string[] {
  const out: string[] = [];
  const walk = (item: unknown): void => {
    if (typeof item === 'string') out.push(item);
    else if (Array.isArray(item)) item.forEach(walk);
    else if (item !== null && typeof item === 'object') {
      for (const [key, inner] of Object.entries(item)) {
        if (keys) out.push(key);
        walk(inner);
      }
    }
  };
  walk(value);
  return out;
}

/**
 * The strings of what `read` gives, worked out again only when it gives another object: for a store that hands out
 * the same object until it changes, the redactor then sees the same list and reads it once (main/core/log/window-said.ts).
 */
export function keptStrings(read: () => unknown): () => readonly string[] {
  let last: { of: unknown; strings: readonly string[] } | undefined;
  return () => {
    const value = read();
    if (!last || last.of !== value) last = { of: value, strings: stringsIn(value) };
    return last.strings;
  };
}
