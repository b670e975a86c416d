// Redaction happens before anything is written or shown: known secret values wherever they appear, and the
// shapes credentials take in URLs, headers and form bodies even when we do not know the value.
import { secretForms } from '../text-encoding.js';
import { WindowSaid, type KeptTexts, type Span } from './window-said.js';

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

/** The app's redactor: it also hears what the window sent, to leave the window's own words as it wrote them. */
export interface AppRedactor extends Redactor {
  /** Strings of a call's arguments (not a secret the window types in): see window-said.ts. */
  windowSaid(texts: readonly string[]): void;
}

export interface RedactorOptions {
  /**
   * Text the window wrote that main keeps and may quote long after the call that carried it (accounts' settings). A
   * list that comes back as the same array is not read again (see KeptTexts).
   */
  windowTexts?: () => Iterable<KeptTexts>;
}

/** `knownSecrets` is read at each call, so secrets added later are covered too. */
export function createRedactor(knownSecrets: () => Iterable<string>, options: RedactorOptions = {}): AppRedactor {
  // Every encoding the app or a server may have written a secret in, longest first; worked out again only when the
  // secrets change. Requests' own records are masked where they are built (the template's shape); this catches
  // what slips through, e.g. a server's echo.
  let formsOf = { secrets: '', forms: [] as string[] };
  const currentForms = (): string[] => {
    const secrets = [...knownSecrets()];
    const key = JSON.stringify(secrets);
    if (key !== formsOf.secrets) formsOf = { secrets: key, forms: formsOfSecrets(secrets) };
    return formsOf.forms;
  };
  const said = new WindowSaid(options.windowTexts);
  const redact = (text: string): string => {
    let out = hideSecrets(text, currentForms(), (t, hitForms) => said.spansIn(t, hitForms));
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    return out;
  };
  return Object.assign(redact, { windowSaid: (texts: readonly string[]) => said.add(texts, currentForms()) });
}

/**
 * A server's words where they enter main (an error body, a message field): every form of the secrets main sent that
 * server is hidden, whatever the window wrote. Which words are the server's is known only here; later, beside the
 * window's words, an echo of a right guess could not be told from the server quoting the secret it was sent.
 * Secrets the server was not sent can reach it only through the window's words, and are left to the app's redactor.
 */
export function serverWords(text: string, sentSecrets: readonly string[]): string {
  return hideSecrets(text, formsOfSecrets(sentSecrets, 1), () => []);
}

/**
 * A secret shorter than SHORT is hidden only in a server's words (serverWords), and there only where it stands as a
 * whole word: the server was sent it, so hiding its quote tells nobody anything new. Main's own texts (the app's
 * redactor) leave it: hiding a one- to three-character word in ordinary lines ("Uploaded [redacted] file") would
 * itself show what the secret is.
 */
const SHORT = 4;

function formsOfSecrets(secrets: readonly string[], minLength = SHORT): string[] {
  return [...new Set(secrets.filter((s) => s.length >= minLength).flatMap((s) => secretForms(s, minLength)))].sort((a, b) => b.length - a.length);
}

/** Whether text[at, at + length) is a whole word: no letter or digit joins it on either side. */
function standsAlone(text: string, at: number, length: number): boolean {
  return !/[\p{L}\p{N}]/u.test(text.charAt(at - 1)) && !/[\p{L}\p{N}]/u.test(text.charAt(at + length));
}

/**
 * Each occurrence of a form is hidden, overlapping ones as one, unless it lies inside the window's own text. One that
 * runs from the window's words on into others' is hidden: the window's words are found by their content, so a guess
 * at a secret's first letters is found at the start of the secret itself wherever it is written, and leaving that
 * occurrence would show the rest.
 */
function hideSecrets(text: string, forms: readonly string[], windowSpans: (text: string, hitForms: ReadonlySet<string>) => Span[]): string {
  let hits: Span[] = [];
  const hitForms = new Set<string>();
  for (const form of forms) {
    for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) {
      if (form.length < SHORT && !standsAlone(text, at, form.length)) continue;
      hits.push([at, at + form.length]);
      hitForms.add(form);
    }
  }
  // The common case, no secret in the text, costs what it did before the window's words were looked for.
  if (hits.length === 0) return text;
  const windows = windowSpans(text, hitForms);
  if (windows.length > 0) hits = hits.filter(([start, end]) => !windows.some(([from, to]) => from <= start && end <= to));
  hits.sort((a, b) => a[0] - b[0]);
  let out = '';
  let done = 0;
  let i = 0;
  while (i < hits.length) {
    const [start] = hits[i] as Span;
    let end = (hits[i] as Span)[1];
    for (i++; i < hits.length && (hits[i] as Span)[0] < end; i++) end = Math.max(end, (hits[i] as Span)[1]);
    out += text.slice(done, start) + PLACEHOLDER;
    done = end;
  }
  return out + text.slice(done);
}
