// Redaction happens before anything is written or shown: known secret values wherever they appear, and the
// shapes credentials take in URLs, headers and form bodies even when we do not know the value.
const PLACEHOLDER = '[redacted]';

const PATTERNS: Array<[RegExp, string]> = [
  // Authorization: Basic …, Bearer …
  [/\b(authorization\s*[:=]\s*)("?)[^\s",}]+(?:\s+[^\s",}]+)?/gi, `$1$2${PLACEHOLDER}`],
  [/\b(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]{8,}/g, `$1 ${PLACEHOLDER}`],
  // user:password@host in URLs
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi, `$1${PLACEHOLDER}@`],
  // password=…, pass=…, token=…, secret=… in queries, form bodies and JSON
  [/\b((?:[a-z_]*pass(?:word)?|[a-z_]*token|[a-z_]*secret|sig(?:nature)?|api[_-]?key)"?\s*[=:]\s*"?)[^&\s",}]+/gi, `$1${PLACEHOLDER}`],
];

export type Redactor = (text: string) => string;

/** `knownSecrets` is read at each call, so secrets added later are covered too. */
export function createRedactor(knownSecrets: () => Iterable<string>): Redactor {
  return (text) => {
    let out = text;
    const secrets = [...knownSecrets()].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
    for (const secret of secrets) {
      out = out.split(secret).join(PLACEHOLDER);
      // The same secret percent-encoded or in Base64 (Basic auth) must not slip through either.
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret) out = out.split(encoded).join(PLACEHOLDER);
    }
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  };
}
