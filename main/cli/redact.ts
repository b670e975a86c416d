// The last guard on output: known secret values (the vault's, and one from the environment or a prompt) are
// replaced wherever they would appear, as typed or percent-encoded. No message is meant to carry a secret; this
// makes sure a server echoing one back, or a bug, cannot print it.
const PLACEHOLDER = '[redacted]';
/** Shorter values would blank out ordinary words. */
const MIN_LENGTH = 4;

export function hideSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  const sorted = [...new Set(secrets)].filter((s) => s.length >= MIN_LENGTH).sort((a, b) => b.length - a.length);
  for (const secret of sorted) {
    out = out.split(secret).join(PLACEHOLDER);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join(PLACEHOLDER);
    // Inside a JSON document a quote or backslash in the secret is escaped.
    const inJson = JSON.stringify(secret).slice(1, -1);
    if (inJson !== secret) out = out.split(inJson).join(PLACEHOLDER);
  }
  return out;
}
