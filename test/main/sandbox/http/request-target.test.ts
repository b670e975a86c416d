import { describe, expect, it } from 'vitest';
import { parseRequestTarget } from '../../../../main/sandbox/http/request-target.js';

describe('parseRequestTarget', () => {
  it('decodes each segment on its own, so encoded slashes and dots stay inside their segment', () => {
    expect(parseRequestTarget('/a/%2e%2e%2fb/c%20d?x=1')?.segments).toEqual(['a', '../b', 'c d']);
    expect(parseRequestTarget('/a/../b')?.segments).toEqual(['a', '..', 'b']);
  });

  it('keeps the raw path and parses the query', () => {
    const target = parseRequestTarget('/Media.json?DateCreated%3E=2024-01-02&To=%2B1555')!;
    expect(target.rawPath).toBe('/Media.json');
    expect(target.query.get('DateCreated>')).toBe('2024-01-02');
    expect(target.query.get('To')).toBe('+1555');
  });

  it('accepts the absolute form and drops a fragment', () => {
    expect(parseRequestTarget('http://127.0.0.1:80/x/y#frag')?.segments).toEqual(['x', 'y']);
  });

  it('refuses malformed percent-encoding and targets that are not paths', () => {
    expect(parseRequestTarget('/a/%E0%A4%A')).toBeNull();
    expect(parseRequestTarget('/a/%zz')).toBeNull();
    expect(parseRequestTarget('*')).toBeNull();
  });
});
