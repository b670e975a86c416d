// Settings' user name and the vault's password are offered to the system proxy when it brings none of its own: to
// every proxy of its answer, since any of them may be the one that carries the request. Each gets them only once it
// asks (test/main/providers/http/proxy-auth.test.ts).
import { describe, expect, it } from 'vitest';
import { createProxyPicker } from '../../../main/app/proxy';
import { DEFAULT_PROXY_SETTING } from '../../../main/common/proxy';
import { routeFromPac } from '../../../main/providers/http/proxy-pac';
import type { ProxyRoute } from '../../../main/providers/http/proxy-route';

function hops(route: ProxyRoute | undefined): string[] {
  const seen: string[] = [];
  for (let r = route; r; r = r.kind === 'proxy' ? r.next : undefined) seen.push(r.kind === 'direct' ? 'direct' : `${r.proxy.url.host} ${r.proxy.whenAsked?.username ?? '-'}`);
  return seen;
}

describe('the system proxy with credentials from Settings', () => {
  it('offers them to each proxy of a list that has none of its own', async () => {
    const picker = createProxyPicker({
      setting: () => ({ ...DEFAULT_PROXY_SETTING, username: 'alice' }),
      password: () => 'secret',
      system: (url) => Promise.resolve(routeFromPac('PROXY a.corp:1; PROXY b.corp:2; DIRECT', url)),
    });
    expect(hops(await picker(new URL('https://media.example/')))).toEqual(['a.corp:1 alice', 'b.corp:2 alice', 'direct']);
  });
});
