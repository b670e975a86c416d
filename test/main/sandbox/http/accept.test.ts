import { describe, expect, it } from 'vitest';
import { negotiate } from '../../../../main/sandbox/http/accept.js';

describe('negotiate', () => {
  const offered = ['application/json', 'image/jpeg', 'application/octet-stream'];
  it.each([
    [undefined, 'application/json'],
    ['', 'application/json'],
    ['*/*', 'application/json'],
    ['application/octet-stream', 'application/octet-stream'],
    ['image/*', 'image/jpeg'],
    ['image/jpeg, application/json;q=0.5', 'image/jpeg'],
    ['application/json;q=0.2, */*;q=0.9', 'image/jpeg'],
    ['text/html, application/json', 'application/json'],
  ])('Accept %s chooses %s', (accept, expected) => {
    expect(negotiate(accept, offered)).toBe(expected);
  });

  it.each(['video/mp4', 'text/html', 'image/jpeg;q=0'])('Accept %s accepts none of them', (accept) => {
    expect(negotiate(accept, offered)).toBeNull();
  });
});
