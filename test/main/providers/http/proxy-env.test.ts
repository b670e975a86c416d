// NO_PROXY and the proxy variables read as curl reads them (see main/providers/http/proxy-env.ts).
import { describe, expect, it } from 'vitest';
import { isBypassed, proxyFromEnv, proxyServerFromUrl } from '../../../../main/providers/http/proxy-env';
import { inEnglish } from '../../../../main/common/i18n/phrase';

const bypassed = (list: string, url: string) => isBypassed(list, new URL(url));

describe('NO_PROXY', () => {
  it.each([
    ['example.com', 'https://example.com/', true],
    ['example.com', 'https://api.example.com/', true],
    ['.example.com', 'https://example.com/', true],
    ['*.example.com', 'https://deep.api.example.com/', true],
    ['example.com', 'https://badexample.com/', false],
    ['example.com', 'https://example.com.evil.net/', false],
    ['EXAMPLE.com', 'https://Example.COM/', true],
    ['*', 'https://anything.net/', true],
    ['example.com:8443', 'https://example.com:8443/', true],
    ['example.com:8443', 'https://example.com/', false],
    ['example.com:443', 'https://example.com/', true],
    ['10.0.0.0/8', 'http://10.20.30.40/', true],
    ['10.0.0.0/8', 'http://11.0.0.1/', false],
    ['192.168.1.5', 'http://192.168.1.5:8080/', true],
    ['::1', 'http://[::1]:3000/', true],
    ['[::1]:3000', 'http://[::1]:3000/', true],
    ['fd00::/8', 'http://[fd12::1]/', true],
    ['', 'http://localhost/', false],
    // As curl: loopback is proxied unless listed.
    ['example.com', 'http://127.0.0.1/', false],
    ['localhost, 127.0.0.1', 'http://localhost:8080/', true],
    ['a.net b.net,c.net', 'https://www.b.net/', true],
  ])('"%s" for %s → %s', (list, url, expected) => {
    expect(bypassed(list, url)).toBe(expected);
  });
});

describe('the proxy variables', () => {
  const pick = async (env: Record<string, string>, url: string) => {
    const route = await proxyFromEnv(env)(new URL(url));
    return route.kind === 'direct' ? 'direct' : `${typeof route.proxy.source === 'string' ? route.proxy.source : inEnglish(route.proxy.source)} ${route.proxy.url.href}${route.proxy.credentials ? ` as ${route.proxy.credentials.username}:${route.proxy.credentials.password}` : ''}`;
  };

  it('picks the scheme of the request, lower case before upper case, ALL_PROXY last', async () => {
    expect(await pick({ HTTPS_PROXY: 'http://s:1', http_proxy: 'http://h:2' }, 'https://x.net/')).toBe('HTTPS_PROXY http://s:1/');
    expect(await pick({ HTTPS_PROXY: 'http://s:1', http_proxy: 'http://h:2' }, 'http://x.net/')).toBe('http_proxy http://h:2/');
    expect(await pick({ https_proxy: 'http://low:1', HTTPS_PROXY: 'http://up:1' }, 'https://x.net/')).toBe('https_proxy http://low:1/');
    expect(await pick({ ALL_PROXY: 'http://all:3' }, 'https://x.net/')).toBe('ALL_PROXY http://all:3/');
    expect(await pick({ HTTPS_PROXY: '  ' }, 'https://x.net/')).toBe('direct');
    expect(await pick({}, 'https://x.net/')).toBe('direct');
  });

  it('reads a proxy without a scheme as http://, and its user-info as percent-decoded credentials', async () => {
    expect(await pick({ HTTPS_PROXY: 'proxy.corp:3128' }, 'https://x.net/')).toBe('HTTPS_PROXY http://proxy.corp:3128/');
    expect(await pick({ HTTPS_PROXY: 'http://d%C3%B6m%5Cme:p%25%40%3A%2B%22x@proxy.corp:3128' }, 'https://x.net/')).toBe('HTTPS_PROXY http://proxy.corp:3128/ as döm\\me:p%@:+"x');
  });

  it('honours NO_PROXY before any proxy', async () => {
    expect(await pick({ HTTPS_PROXY: 'http://s:1', no_proxy: '.corp.net' }, 'https://files.corp.net/')).toBe('direct');
    expect(await pick({ HTTPS_PROXY: 'http://s:1', NO_PROXY: '*' }, 'https://x.net/')).toBe('direct');
  });

  it('refuses a SOCKS or other proxy in words', async () => {
    await expect(pick({ HTTPS_PROXY: 'socks5://127.0.0.1:1080' }, 'https://x.net/')).rejects.toThrow('HTTPS_PROXY names a SOCKS proxy (127.0.0.1:1080); Media Desk supports HTTP proxies only.');
    expect(() => proxyServerFromUrl('ftp://p:21', 'HTTP_PROXY')).toThrow('HTTP_PROXY uses "ftp:"');
    expect(() => proxyServerFromUrl('http://%zz:x@p:1', 'HTTP_PROXY')).toThrow('not valid percent-encoding');
  });
});
