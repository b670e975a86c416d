// Chromium's answer to "which proxy for this URL" (Electron's session.resolveProxy), turned into a route.
import { describe, expect, it } from 'vitest';
import { routeFromPac } from '../../../../main/providers/http/proxy-pac';
import type { ProxyRoute } from '../../../../main/providers/http/proxy-route';

const route = (answer: string) => {
  const r = routeFromPac(answer, new URL('https://media.example/'));
  return r.kind === 'direct' ? 'direct' : r.proxy.url.href;
};

describe("the system proxy's answer", () => {
  it.each([
    ['DIRECT', 'direct'],
    ['', 'direct'],
    ['PROXY proxy.corp:3128', 'http://proxy.corp:3128/'],
    ['PROXY proxy.corp:3128; DIRECT', 'http://proxy.corp:3128/'],
    ['HTTPS secure.corp:443', 'https://secure.corp/'],
    ['SOCKS5 s.corp:1080; PROXY p.corp:8080', 'http://p.corp:8080/'],
    ['SOCKS s.corp:1080;DIRECT', 'direct'],
    ['  proxy  [::1]:3128 ', 'http://[::1]:3128/'],
  ])('"%s" → %s', (answer, expected) => {
    expect(route(answer)).toBe(expected);
  });

  it('keeps every usable entry in order, each falling back to the next; DIRECT only when listed, and last', () => {
    const chain = (answer: string) => {
      const hops: string[] = [];
      for (let r: ProxyRoute | undefined = routeFromPac(answer, new URL('https://media.example/')); r; r = r.kind === 'proxy' ? r.next : undefined) {
        hops.push(r.kind === 'direct' ? 'direct' : r.proxy.url.href);
      }
      return hops;
    };
    expect(chain('PROXY a.corp:1; PROXY b.corp:2; DIRECT')).toEqual(['http://a.corp:1/', 'http://b.corp:2/', 'direct']);
    expect(chain('PROXY a.corp:1; SOCKS5 s.corp:1080; HTTPS b.corp:2')).toEqual(['http://a.corp:1/', 'https://b.corp:2/']);
    expect(chain('PROXY a.corp:1; DIRECT; PROXY never.corp:3')).toEqual(['http://a.corp:1/', 'direct']);
  });

  it('says SOCKS is not supported when nothing else is offered', () => {
    expect(() => route('SOCKS5 s.corp:1080; SOCKS s.corp:1081')).toThrow(
      'The system proxy settings send media.example through SOCKS5 s.corp:1080, SOCKS s.corp:1081; Media Desk supports HTTP proxies only, not SOCKS. Choose a manual HTTP proxy in Settings, Network.',
    );
  });
});
