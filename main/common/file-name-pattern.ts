// The pattern a downloaded Twilio media is named by ("{date}_{time}_{from}_{mediaSid}{ext}"): checked here, by the
// same rule in Settings (as the user types, with a preview) and in main (when it is saved and when a name is made).
// A name made from it is safe on Windows, macOS and Linux whatever the message's sender put in its address.
import { safeLocalName, unsafeNameChar } from './files.js';
import { phrase, type Phrase } from './i18n/phrase.js';

export const FILE_NAME_TOKENS = ['date', 'time', 'from', 'to', 'messageSid', 'mediaSid', 'ext'] as const;
export type FileNameToken = (typeof FILE_NAME_TOKENS)[number];
export type FileNameValues = Record<FileNameToken, string>;

export const DEFAULT_TWILIO_FILE_NAME_PATTERN = '{date}_{time}_{from}_{mediaSid}{ext}';

/** What each token stands for, for Settings. */
export const FILE_NAME_TOKEN_MEANING: Record<FileNameToken, string> = {
  date: "the message's day (2026-12-05)",
  time: 'its hour and minute (1503)',
  from: 'the sender',
  to: 'the recipient',
  messageSid: "the message's SID (SM… or MM…)",
  mediaSid: "the media's SID (ME…), which makes each name unique",
  ext: 'the extension for its type (.jpg)',
};

/** The text between tokens: short, so that a name with every token still fits the length every file system takes. */
const MAX_LITERAL_BYTES = 40;
/** A sender or recipient is cut to this many characters in a name. */
export const MAX_ADDRESS_CHARS = 32;

export type FileNamePart = { token: FileNameToken } | { text: string };
type Part = FileNamePart;
export type PatternCheck = { ok: true; parts: Part[] } | { ok: false; problem: Phrase };

const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

function describeChar(char: string): Phrase {
  // Invisible ones (controls, bidi overrides) are named, not quoted: quoted, they would not show or would turn the text.
  return /[\p{Cc}\p{Cf}]/u.test(char) ? phrase('errors:pattern.controlCharacter') : phrase('errors:pattern.quotedCharacter', { char });
}

/** Splits a pattern into text and tokens, or says in words what is wrong with it. */
export function checkFileNamePattern(pattern: string): PatternCheck {
  if (pattern.trim() === '') return { ok: false, problem: phrase('errors:pattern.empty') };
  if (pattern.length > 200) return { ok: false, problem: phrase('errors:pattern.tooLong', { max: 200 }) };
  const parts: Part[] = [];
  const seen = new Set<FileNameToken>();
  let literalBytes = 0;
  const pushText = (text: string): Phrase | undefined => {
    if (text === '') return undefined;
    const bad = unsafeNameChar(text);
    if (bad !== undefined) return phrase('errors:pattern.forbiddenCharacter', { char: describeChar(bad) });
    if (text.includes('{') || text.includes('}')) return phrase('errors:pattern.brace');
    literalBytes += utf8Length(text);
    parts.push({ text });
    return undefined;
  };
  const tokenPattern = /\{([^{}]*)\}/g;
  let last = 0;
  for (const match of pattern.matchAll(tokenPattern)) {
    const problem = pushText(pattern.slice(last, match.index));
    if (problem) return { ok: false, problem };
    const name = match[1] ?? '';
    const token = FILE_NAME_TOKENS.find((t) => t === name);
    if (!token) {
      return { ok: false, problem: phrase('errors:pattern.unknownToken', { token: `{${name.slice(0, 30)}}`, tokens: FILE_NAME_TOKENS.map((t) => `{${t}}`).join(' ') }) };
    }
    if (seen.has(token)) return { ok: false, problem: phrase('errors:pattern.twice', { token: `{${token}}` }) };
    seen.add(token);
    parts.push({ token });
    last = match.index + match[0].length;
  }
  const tailProblem = pushText(pattern.slice(last));
  if (tailProblem) return { ok: false, problem: tailProblem };
  if (!seen.has('mediaSid')) return { ok: false, problem: phrase('errors:pattern.needsMediaSid') };
  const lastPart = parts[parts.length - 1];
  if (!lastPart || !('token' in lastPart) || lastPart.token !== 'ext') return { ok: false, problem: phrase('errors:pattern.endWithExt') };
  if (literalBytes > MAX_LITERAL_BYTES) return { ok: false, problem: phrase('errors:pattern.textTooLong', { max: MAX_LITERAL_BYTES }) };
  return { ok: true, parts };
}

/** A value a remote party chose (an address), reduced to characters every file system takes in a name. */
export function addressForFileName(address: string): string {
  return address
    .replace(/[^A-Za-z0-9+@._-]/g, '_')
    .replace(/\.{2,}/g, '_')
    .replace(/^[._]+|[._]+$/g, '')
    .slice(0, MAX_ADDRESS_CHARS);
}

const SEPARATOR_ONLY = /^[\s._-]*$/;

/**
 * The name a checked pattern gives these values. An empty value drops its token and the separator beside it (no
 * "__" where the date was unknown); leading dots and spaces go, and the whole name is then made safe by the one
 * rule for names from elsewhere (safeLocalName): a sender's address is the remote party's words.
 */
export function fileNameFromPattern(parts: readonly Part[], values: FileNameValues): string {
  const pieces = parts.map((part) => ('token' in part ? { token: part.token, text: values[part.token] } : { token: null, text: part.text }));
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    if (!piece || piece.token === null || piece.text !== '') continue;
    const after = pieces[i + 1];
    const before = pieces[i - 1];
    if (after && after.token === null && SEPARATOR_ONLY.test(after.text)) after.text = '';
    else if (before && before.token === null && SEPARATOR_ONLY.test(before.text)) before.text = '';
  }
  const name = pieces
    .map((p) => p.text)
    .join('')
    .replace(/^[\s.]+/, '');
  return safeLocalName(name);
}
