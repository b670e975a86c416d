// Redaction happens before anything is written or shown: known secret values wherever they appear, and the
// shapes credentials take in URLs, headers and form bodies even when we do not know the value.
import { secretForms } from '../text-encoding.js';

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
  // Every encoding the app or a server may have written a secret in, longest first; worked out again only when the
  // secrets change. Requests' own records are masked where they are built (the template's shape); this catches
  // what slips through, e.g. a server's echo.
  let formsOf = { secrets: '', forms: [] as string[] };
  const currentForms = (): string[] => {
    const secrets = [...knownSecrets()].filter((s) => s.length >= 4);
    const key = JSON.stringify(secrets);
    if (key !== formsOf.secrets) {
      formsOf = { secrets: key, forms: [...new Set(secrets.flatMap((s) => secretForms(s)))].sort((a, b) => b.length - a.length) };
    }
    return formsOf.forms;
  };
  return (text) => {
    let out = text;
    for (const form of currentForms()) out = out.split(form).join(PLACEHOLDER);
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  };
}
