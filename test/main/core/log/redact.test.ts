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
