import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../../main/core/log/redact';

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
