// The last guard on output: known secret values (the vault's, and one from the environment or a prompt) are
// replaced wherever they would appear, as typed or in any encoding the app writes (URL, form, JSON, Base64, hex).
// No message is meant to carry a secret; this makes sure a server echoing one back, or a bug, cannot print it.
import { secretForms } from '../core/text-encoding.js';

const PLACEHOLDER = '[redacted]';
/** Shorter values would blank out ordinary words. */
const MIN_LENGTH = 4;

export function hideSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  const sorted = [...new Set(secrets)].filter((s) => s.length >= MIN_LENGTH).sort((a, b) => b.length - a.length);
  const forms = [...new Set(sorted.flatMap((secret) => secretForms(secret, MIN_LENGTH)))].sort((a, b) => b.length - a.length);
  for (const form of forms) out = out.split(form).join(PLACEHOLDER);
  return out;
}
