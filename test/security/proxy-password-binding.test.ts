// The proxy password is bound to the proxy it was saved for (main/common/secret-binding.ts). The window (a page in
// the browser host) can send any settings.update; it must not be able to move the saved password to a host it names,
// whatever proxy the password was saved for: a manual one, or the system's (no host named in Settings).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROXY_PASSWORD_KEY, type ProxySetting } from '../../main/common/proxy';
import { proxyDestinationChanged } from '../../main/common/secret-binding';
import { bootTestApp } from '../helpers/app-harness';

const PASSWORD = 'corp-Pr0xy-secret';
let app: Awaited<ReturnType<typeof bootTestApp>>;

beforeAll(async () => {
  app = await bootTestApp();
});
afterAll(async () => {
  await app.cleanup();
});

async function call(method: string, args: unknown): Promise<unknown> {
  const answer = await app.dispatch(method, args);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

async function proxy(setting: Partial<ProxySetting>): Promise<void> {
  await call('settings.update', { proxy: { ...app.services.settings.get().proxy, ...setting } });
}

const saved = () => app.services.vault.has(PROXY_PASSWORD_KEY);

describe('the window moving the proxy password elsewhere', () => {
  it('a password saved for the system proxy (no host named) does not follow the window to a manual proxy of its own', async () => {
    await proxy({ mode: 'system', host: '', port: null, username: 'alice', bypass: '' });
    await call('settings.setProxyPassword', { password: PASSWORD });
    expect(saved()).toBe(true);
    await proxy({ mode: 'manual', host: 'evil.example', port: 8080 });
    expect(saved()).toBe(false);
  });

  it('nor does one saved for a manual proxy, however the new host is spelt', async () => {
    for (const [from, to] of [
      [{ host: 'proxy.corp.example', port: 3128 }, { host: 'proxy.corp.example.evil.example', port: 3128 }],
      [{ host: 'proxy.corp.example', port: 3128 }, { host: 'proxy.corp.example', port: 3129 }],
      [{ host: '10.0.0.1', port: 3128 }, { host: '10.0.0.10', port: 3128 }],
      [{ host: '[fe80::1]', port: 3128 }, { host: '[fe80::10]', port: 3128 }],
      [{ host: 'proxy.corp.example', port: 3128 }, { host: '', port: null, mode: 'system' as const }],
    ]) {
      await proxy({ mode: 'manual', username: 'alice', ...from });
      await call('settings.setProxyPassword', { password: PASSWORD });
      await proxy({ mode: 'manual', ...to });
      expect(saved(), `${JSON.stringify(from)} → ${JSON.stringify(to)}`).toBe(false);
    }
  });

  it('stays for the same proxy: a bypass change, another spelling of the same host name, off and on again', async () => {
    await proxy({ mode: 'manual', host: 'proxy.corp.example', port: 3128, username: 'alice', bypass: '' });
    await call('settings.setProxyPassword', { password: PASSWORD });
    await proxy({ bypass: 'example.com' });
    await proxy({ host: 'PROXY.Corp.Example' });
    await proxy({ mode: 'none' });
    await proxy({ mode: 'manual' });
    expect(saved()).toBe(true);
  });
});

describe("the system proxy's named proxy (credentialsProxy)", () => {
  it('a password for one named proxy does not follow the window to another, nor to an http:// twin of an https:// one', async () => {
    for (const to of ['http://evil.example:3128', 'http://proxy.corp.example:3128', 'https://proxy.corp.example:3129', '']) {
      await proxy({ mode: 'system', host: '', port: null, username: 'alice', credentialsProxy: 'https://proxy.corp.example:3128', bypass: '' });
      await call('settings.setProxyPassword', { password: PASSWORD });
      await proxy({ credentialsProxy: to });
      expect(saved(), to).toBe(false);
    }
  });

  it("a password from before proxies were named (a user name, none named) is entered again once one is named", async () => {
    await proxy({ mode: 'system', host: '', port: null, username: 'alice', credentialsProxy: '', bypass: '' });
    await call('settings.setProxyPassword', { password: PASSWORD });
    await proxy({ credentialsProxy: 'http://proxy.corp.example:3128' });
    expect(saved()).toBe(false);
  });

  it('stays for the same named proxy, however its host is spelt, and when the manual fields change meanwhile', async () => {
    await proxy({ mode: 'system', host: '', port: null, username: 'alice', credentialsProxy: 'https://proxy.corp.example:3128', bypass: '' });
    await call('settings.setProxyPassword', { password: PASSWORD });
    await proxy({ credentialsProxy: 'HTTPS://Proxy.Corp.Example:3128/', host: 'other.example', port: 8080 });
    expect(saved()).toBe(true);
  });

  it("main refuses what is not scheme://host:port, whatever the window sends", async () => {
    for (const bad of ['proxy.corp.example:3128', 'ftp://proxy.corp.example:21', 'http://user:pw@proxy.corp.example:3128', 'http://proxy.corp.example', 'http://proxy.corp.example:3128/path', 'http://proxy.corp.example:99999']) {
      await expect(proxy({ credentialsProxy: bad }), bad).rejects.toThrow(/http:\/\/host:port/);
    }
  });
});

describe('proxyDestinationChanged', () => {
  const base: ProxySetting = { mode: 'system', host: '', port: null, username: '', credentialsProxy: '', bypass: '' };
  it('a password never sent anywhere yet (no host, no user name) binds to the first proxy named', () => {
    expect(proxyDestinationChanged(base, { ...base, mode: 'manual', host: 'proxy.corp.example', port: 3128, username: 'alice' })).toBe(false);
  });
  it('one that could already go to the system proxy (a user name) is bound to it', () => {
    expect(proxyDestinationChanged({ ...base, username: 'alice' }, { ...base, mode: 'manual', host: 'evil.example', port: 8080, username: 'alice' })).toBe(true);
  });
});
