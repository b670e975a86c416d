import { describe, expect, it } from 'vitest';
import { createRedactor, serverWords } from '../../../../main/core/log/redact';

describe('log redaction', () => {
  const redact = createRedactor(() => ['s3cr3t-Value', 'p@ss word']);

  it.each([
    ['a known secret anywhere', 'sent s3cr3t-Value to server', 's3cr3t-Value'],
    ['a known secret percent-encoded', 'GET /u?p=p%40ss%20word', 'p%40ss%20word'],
    ['an Authorization header', 'Authorization: Basic dXNlcjpwYXNzd29yZA==', 'dXNlcjpwYXNzd29yZA=='],
    ['a bearer token', 'header Bearer abcdefghijklmnop', 'abcdefghijklmnop'],
    ['credentials in a URL', 'https://user:topsecret@host/path', 'topsecret'],
    ['a password query parameter', 'https://h/upload?user=bob&pass=unknownpw1&to=1', 'unknownpw1'],
    ['a JSON token field', '{"auth_token":"tok123456"}', 'tok123456'],
    ['a signature', 'https://cdn/x?sig=abcdef123456&exp=1', 'abcdef123456'],
  ])('removes %s', (_what, text, secret) => {
    const out = redact(text);
    expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });

  it('leaves ordinary text alone', () => {
    expect(redact('Uploaded photo.jpg (12 KB) to https://h/upload')).toBe('Uploaded photo.jpg (12 KB) to https://h/upload');
  });

  it('covers secrets added after it was made', () => {
    const secrets = ['first-secret'];
    const live = createRedactor(() => secrets);
    secrets.push('later-secret');
    expect(live('later-secret')).toBe('[redacted]');
  });
});

describe('log redaction of a hostile secret in every encoding the app writes', () => {
  const secret = `p!'()*~ä é+/=%&"<>\\ %41`;
  const user = 'jöhn';
  const redact = createRedactor(() => [secret]);
  const strict = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const bytes = Buffer.from(secret, 'utf8');

  it.each([
    ['as typed', secret],
    ['encodeURIComponent', encodeURIComponent(secret)],
    ["the template engine's URL encoding", strict(secret)],
    ['form encoding', strict(secret).replace(/~/g, '%7E').replace(/%20/g, '+')],
    ['URLSearchParams', new URLSearchParams({ v: secret }).toString().slice(2)],
    ['JSON escape', JSON.stringify(secret).slice(1, -1)],
    ['JSON escape with \\u for non-ASCII', JSON.stringify(secret).slice(1, -1).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)],
    ['Base64', bytes.toString('base64')],
    ['Basic auth base64(user:secret)', Buffer.from(`${user}:${secret}`, 'utf8').toString('base64')],
    ['Basic auth base64(user2:secret)', Buffer.from(`ab:${secret}`, 'utf8').toString('base64')],
    ['hex', bytes.toString('hex')],
    ['lower-case percent-encoding', strict(secret).replace(/%[0-9A-F]{2}/g, (p) => p.toLowerCase())],
  ])('%s', (_what, encoded) => {
    const out = redact(`the server said: ${encoded} (end)`);
    expect(out).toContain('[redacted]');
    // What is left of a Base64 form is at most the quanta that mix in the text around the secret (the user name).
    expect(out.length).toBeLessThan(`the server said:  (end)[redacted]`.length + 16);
  });
});

// The window must never learn a stored secret: what it wrote comes back as it wrote it, whatever the secrets are
// (else a guess that comes back hidden is a right one), while a server's echo of a secret is still hidden.
describe("log redaction of the window's own words", () => {
  const secret = '7351';
  const line = (label: string, echo = ''): string => `Saved account "${label}".${echo}`;

  it('shows a right guess as it shows a wrong one', () => {
    const redact = createRedactor(() => [secret]);
    for (const guess of ['7351', '1234', 'a 7351 b', 'a 1234 b']) {
      redact.windowSaid([guess]);
      expect(redact(line(guess))).toBe(line(guess));
    }
  });

  it('still hides a server echo of the secret in the same line as a window-said text', () => {
    const redact = createRedactor(() => [secret]);
    redact.windowSaid(['guess 7351']);
    expect(redact(line('guess 7351', ' The server said: bad password 7351'))).toBe(line('guess 7351', ' The server said: bad password [redacted]'));
  });

  it('leaves the window text in the encodings the app writes it in, and only there', () => {
    const hostile = `p!'()*~ä é+/=%&"<>\\ %41`;
    const redact = createRedactor(() => [hostile]);
    const label = `x${hostile}y`;
    redact.windowSaid([label]);
    for (const written of [label, encodeURIComponent(label), JSON.stringify(label).slice(1, -1), new URLSearchParams({ v: label }).toString().slice(2)]) {
      expect(redact(`GET /a?label=${written} (echo ${encodeURIComponent(hostile)})`)).toBe(`GET /a?label=${written} (echo [redacted])`);
    }
  });

  it("leaves the stored texts it is given (an account's label quoted later)", () => {
    const labels = ['Office 7351'];
    const redact = createRedactor(() => [secret], { windowTexts: () => labels });
    expect(redact('Queued 1 upload to "Office 7351": 7351')).toBe('Queued 1 upload to "Office 7351": [redacted]');
    labels.length = 0;
    expect(redact('Queued 1 upload to "Office 7351"')).toBe('Queued 1 upload to "Office [redacted]"');
  });

  it('does not keep texts without a secret, nor the typed ones it is not told', () => {
    const redact = createRedactor(() => [secret]);
    redact.windowSaid(['nothing here', 'x'.repeat(10)]);
    expect(redact('7351 nothing here')).toBe('[redacted] nothing here');
  });

  it('keeps a bounded number of texts, the oldest going first', () => {
    const redact = createRedactor(() => [secret]);
    redact.windowSaid(['first 7351']);
    redact.windowSaid(Array.from({ length: 300 }, (_, i) => `later ${i} 7351`));
    expect(redact('first 7351')).toBe('first [redacted]');
    expect(redact('later 299 7351')).toBe('later 299 7351');
  });
});

// Lists of kept texts (the transfer list may hold thousands) are read once per array: a changed list is a new array.
describe("log redaction of the window's kept lists", () => {
  const secret = '7351';

  it('leaves the texts of a list, in the forms the app writes them, and reads a new list anew', () => {
    let list: readonly string[] = ['photo 7351.jpg', `a&b "7351"`];
    const redact = createRedactor(() => [secret], { windowTexts: () => [list] });
    expect(redact('Saved photo 7351.jpg; echo 7351')).toBe('Saved photo 7351.jpg; echo [redacted]');
    expect(redact(`GET /f?n=${encodeURIComponent('a&b "7351"')}`)).toBe(`GET /f?n=${encodeURIComponent('a&b "7351"')}`);
    list = ['photo 1.jpg'];
    expect(redact('Saved photo 7351.jpg')).toBe('Saved photo [redacted].jpg');
    list = [...list, 'photo 7351.jpg'];
    expect(redact('Saved photo 7351.jpg')).toBe('Saved photo 7351.jpg');
  });

  it('hides a secret a list holds only in part, each form on its own', () => {
    const list = ['id 735'];
    const redact = createRedactor(() => [secret], { windowTexts: () => [list] });
    expect(redact('id 7351')).toBe('id [redacted]');
    expect(redact('id 735 and 7351')).toBe('id 735 and [redacted]');
  });
});

describe('a secret shorter than four characters', () => {
  it('is hidden in a server’s words where it stands as a whole word, in none of its letters elsewhere', () => {
    expect(serverWords('wrong password x7q for x7qbob ("x7q")', ['x7q'])).toBe('wrong password [redacted] for x7qbob ("[redacted]")');
  });

  it('is left in main’s own lines, where hiding a common word would show what the secret is', () => {
    expect(createRedactor(() => ['1'])('Uploaded 1 file')).toBe('Uploaded 1 file');
  });
});
