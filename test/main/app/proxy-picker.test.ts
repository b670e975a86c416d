// Settings' user name and the vault's password, with the system's proxy, are offered to the one proxy named for them
// (credentialsProxy, scheme and all) when the system's answer names it, and held back from every other proxy of that
// answer; with none named, from all of them. Each gets them only once it asks (test/main/app/proxy-binding.test.ts).
import { describe, expect, it } from 'vitest';
import { createProxyPicker } from '../../../main/app/proxy';
import { DEFAULT_PROXY_SETTING } from '../../../main/common/proxy';
import { routeFromPac } from '../../../main/providers/http/proxy-pac';
import type { ProxyRoute } from '../../../main/providers/http/proxy-route';

function hops(route: ProxyRoute | undefined): string[] {
  const seen: string[] = [];
  for (let r = route; r; r = r.kind === 'proxy' ? r.next : undefined) {
    if (r.kind === 'direct') seen.push('direct');
    else seen.push(`${r.proxy.url.origin} ${r.proxy.whenAsked?.username ?? (r.proxy.heldBack ? `held for ${r.proxy.heldBack.boundTo ?? 'none named'}` : '-')}`);
  }
  return seen;
}

const picker = (credentialsProxy: string) =>
  createProxyPicker({
    setting: () => ({ ...DEFAULT_PROXY_SETTING, username: 'alice', credentialsProxy }),
    password: () => 'secret',
    system: (url) => Promise.resolve(routeFromPac('PROXY a.corp:1; HTTPS b.corp:2; PROXY b.corp:2; DIRECT', url)),
  });

describe('the system proxy with credentials from Settings', () => {
  it('offers them to the named proxy of a list only', async () => {
    expect(hops(await picker('https://B.corp:2')(new URL('https://media.example/')))).toEqual(['http://a.corp:1 held for https://b.corp:2', 'https://b.corp:2 alice', 'http://b.corp:2 held for https://b.corp:2', 'direct']);
  });

  it('holds them back from every proxy when none is named', async () => {
    expect(hops(await picker('')(new URL('https://media.example/')))).toEqual(['http://a.corp:1 held for none named', 'https://b.corp:2 held for none named', 'http://b.corp:2 held for none named', 'direct']);
  });
});
