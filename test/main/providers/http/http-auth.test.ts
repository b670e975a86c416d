// HTTP authentication's arithmetic, checked against RFC 7616's own worked example (§3.9.1) and hostile headers.
import { describe, expect, it } from 'vitest';
import { chooseChallenge, DigestSession, parseChallenges, type ChosenChallenge } from '../../../../main/providers/http/http-auth.js';

const RFC_CHALLENGE = (algorithm: string): string =>
  `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=${algorithm}, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`;
const RFC_CNONCE = 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ';

function digest(header: string | string[]): Extract<ChosenChallenge, { scheme: 'digest' }> {
  const chosen = chooseChallenge(parseChallenges(header));
  if (chosen?.scheme !== 'digest') throw new Error(`expected a Digest challenge, got ${JSON.stringify(chosen)}`);
  return chosen;
}

function params(authorization: string): Record<string, string> {
  const entries = [...authorization.matchAll(/([a-z*]+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))/g)].map((m): [string, string] => [m[1] ?? '', m[2] ?? m[3] ?? '']);
  return Object.fromEntries(entries);
}

describe('Digest (RFC 7616)', () => {
  it('computes the RFC example response for MD5 and for SHA-256', () => {
    for (const [algorithm, expected] of [
      ['MD5', '8ca523f5e9506fed4657c9700eebdbec'],
      ['SHA-256', '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1'],
    ] as const) {
      const session = new DigestSession(digest(RFC_CHALLENGE(algorithm)), () => RFC_CNONCE);
      const header = session.authorization({ username: 'Mufasa', password: 'Circle of Life' }, 'GET', '/dir/index.html');
      const p = params(header);
      expect(p.response, algorithm).toBe(expected);
      expect(p).toMatchObject({ username: 'Mufasa', realm: 'http-auth@example.org', uri: '/dir/index.html', qop: 'auth', nc: '00000001', algorithm, opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS' });
    }
  });

  it('counts nc up on each request with the same nonce', () => {
    const session = new DigestSession(digest(RFC_CHALLENGE('MD5')));
    const counts = [1, 2, 3].map(() => params(session.authorization({ username: 'u', password: 'p' }, 'POST', '/up')).nc);
    expect(counts).toEqual(['00000001', '00000002', '00000003']);
  });

  it('prefers the strongest challenge offered, whatever the order, and Digest over Basic', () => {
    const chosen = chooseChallenge(parseChallenges(['Basic realm="r"', 'Digest realm="r", qop="auth", algorithm=MD5, nonce="a"', 'Digest realm="r", qop="auth", algorithm=SHA-256, nonce="b"']));
    expect(chosen).toMatchObject({ scheme: 'digest', algorithm: 'SHA-256', nonce: 'b' });
    // Several challenges in one header, separated by commas, as RFC 7235 allows.
    expect(chooseChallenge(parseChallenges('Basic realm="a, b", Digest realm="r", nonce="n", qop=auth, algorithm=MD5-sess'))).toMatchObject({ scheme: 'digest', algorithm: 'MD5-sess' });
    expect(chooseChallenge(parseChallenges('Negotiate abc==, Basic realm="x"'))).toEqual({ scheme: 'basic', realm: 'x' });
  });

  it('answers only what it can: no qop=auth (only auth-int), an unknown algorithm or no nonce is not chosen', () => {
    expect(chooseChallenge(parseChallenges('Digest realm="r", qop="auth-int", nonce="n"'))).toBeUndefined();
    expect(chooseChallenge(parseChallenges('Digest realm="r", qop="auth", algorithm=SHA-512-256, nonce="n"'))).toBeUndefined();
    expect(chooseChallenge(parseChallenges('Digest realm="r", qop="auth"'))).toBeUndefined();
    expect(chooseChallenge(parseChallenges('Bearer realm="r"'))).toBeUndefined();
    expect(chooseChallenge(parseChallenges(undefined))).toBeUndefined();
  });

  it('reads quoted strings with escapes, and sends quotes and backslashes escaped back', () => {
    const challenge = digest('Digest realm="a \\"quoted\\" \\\\ realm", nonce="n", qop="auth", opaque="x,y"');
    expect(challenge.realm).toBe('a "quoted" \\ realm');
    expect(challenge.opaque).toBe('x,y');
    const header = new DigestSession(challenge).authorization({ username: 'jo"e\\', password: 'p' }, 'GET', '/');
    expect(header).toContain('username="jo\\"e\\\\"');
    expect(header).toContain('realm="a \\"quoted\\" \\\\ realm"');
  });

  it('hashes the user name when the server asks for userhash, and sends a non-ASCII one as username*', () => {
    const hashed = new DigestSession(digest(`${RFC_CHALLENGE('SHA-256')}, userhash=true`)).authorization({ username: 'Mufasa', password: 'p' }, 'GET', '/');
    expect(params(hashed)).toMatchObject({ userhash: 'true' });
    expect(params(hashed).username).toMatch(/^[0-9a-f]{64}$/);
    const utf8 = new DigestSession(digest(RFC_CHALLENGE('MD5'))).authorization({ username: 'Jäsøn Doe', password: 'p' }, 'GET', '/');
    expect(utf8).toContain("username*=UTF-8''J%C3%A4s%C3%B8n%20Doe");
  });

  it('reads stale=true and the domain list', () => {
    expect(digest('Digest realm="r", nonce="n", qop="auth", stale=TRUE, domain="/media /up"')).toMatchObject({ stale: true, domain: ['/media', '/up'] });
  });
});
