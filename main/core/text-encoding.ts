import { createHash } from 'node:crypto';

// The encodings the app writes values in (URLs, form bodies, JSON, Base64 and hex), in one place: the generic
// template engine encodes with them, and the redactors look for a secret in every one of them.

/** Percent-encoded UTF-8 where only RFC 3986's unreserved characters stay (encodeURIComponent also keeps !'()*). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, percentEncodeChar);
}

/** application/x-www-form-urlencoded as browsers write it: space as '+', '~' encoded too. */
export function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()~*]/g, percentEncodeChar).replace(/%20/g, '+');
}

/** The inside of a JSON string (without its quotes). */
export function jsonStringBody(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

function percentEncodeChar(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * Every text a secret may take once the app or a server has written it: as typed, percent-encoded (both ways, and
 * with lower-case hex), form-encoded, JSON-escaped (also with \u escapes for non-ASCII), XML-escaped, in hex, its
 * SHA-1, and in Base64 at each of the three alignments it can have inside a longer Base64 text (as in Basic auth's
 * base64(user:secret)).
 * Forms shorter than minLength (derived forms: at least 6) are left out: they would blank out ordinary words.
 */
export function secretForms(secret: string, minLength = 4): string[] {
  if (secret.length < minLength) return [];
  const bytes = Buffer.from(secret, 'utf8');
  const forms = [
    secret,
    encodeURIComponent(secret),
    percentEncode(secret),
    formEncode(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
    new URLSearchParams({ v: secret }).toString().slice(2),
    jsonStringBody(secret),
    jsonStringBody(secret).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    ...xmlEscapes(secret),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    // What a template's %sha1(%account[password]%)% sends.
    createHash('sha1').update(bytes).digest('hex'),
    ...base64Cores(bytes),
  ];
  const lowerHex = forms.filter((f) => /%[0-9A-F]{2}/.test(f)).map((f) => f.replace(/%[0-9A-F]{2}/g, (p) => p.toLowerCase()));
  const derived = [...new Set([...forms, ...lowerHex])].filter((f) => f !== secret && f.length >= Math.max(minLength, 6));
  return [secret, ...derived];
}

/** As XML writers escape text: the five named entities, or &#39; / &#039; for the apostrophe (PHP, .NET). */
function xmlEscapes(value: string): string[] {
  const named = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return [named.replace(/'/g, '&apos;'), named.replace(/'/g, '&#39;'), named.replace(/'/g, '&#039;')];
}

/**
 * The Base64 characters that depend only on the secret's bytes, for each offset (0, 1, 2 bytes) at which the secret
 * can start in a longer encoded text. Also in URL-safe Base64.
 */
function base64Cores(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    // The first quantum mixes in the shift bytes; the last partial one mixes in whatever follows the secret.
    const start = shift === 0 ? 0 : 4;
    const end = 4 * Math.floor((shift + bytes.length) / 3);
    if (end > start) {
      const core = encoded.slice(start, end);
      out.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
    if (shift === 0) out.push(encoded.replace(/=+$/, ''));
  }
  return out;
}
