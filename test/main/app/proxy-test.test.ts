// Settings → Network's "Test proxy", end to end through the app's contract: main reaches the chosen account's server
// along the saved route and says how, in words: through which proxy, its 407 answered with the Settings' user name
// and password (never shown), a refusal, or directly. The window names only the account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProxySetting } from '../../../main/common/proxy';
import { forgetProxyChallenges } from '../../../main/providers/http/proxy-auth';
import { startTestProxy, type TestProxy } from '../../helpers/test-proxy';
import { startAppUnderTest, type AppUnderTest } from '../../reliability/support/app';

const PASSWORD = 'pröxy:pa55 €';
let t: AppUnderTest;
let guarded: TestProxy;
let sandboxHost: string;

beforeAll(async () => {
  guarded = await startTestProxy({ credentials: { username: 'ops', password: PASSWORD } });
  t = await startAppUnderTest('proxy-test', { env: {} });
  sandboxHost = new URL(t.sandbox.baseUrl).host;
}, 60_000);
afterAll(async () => {
  await t?.close();
  await guarded?.close();
});

async function proxySetting(patch: Partial<ProxySetting>): Promise<void> {
  await t.call('settings.update', { proxy: { ...t.app.services.settings.get().proxy, ...patch } });
}
const said = (result: { lines: Array<{ message: string }> }): string[] => result.lines.map((l) => l.message.replace(/\d+ ms/, 'N ms'));

describe('Test proxy', () => {
  it('through a manual proxy that asks: names it, says its 407 was answered, the answer and the time', async () => {
    forgetProxyChallenges();
    await proxySetting({ mode: 'manual', host: '127.0.0.1', port: guarded.port, username: 'ops', bypass: '' });
    await t.call('settings.setProxyPassword', { password: PASSWORD });
    const result = await t.call('settings.testProxy', { accountId: t.accounts.library });
    expect(result.ok).toBe(true);
    expect(said(result)).toEqual([
      `Went to ${sandboxHost} through the proxy 127.0.0.1:${guarded.port} (from Settings).`,
      'The proxy asked for a user name and password (407) and was sent the ones in Settings.',
      expect.stringMatching(new RegExp(`^${sandboxHost.replace(/\./g, '\\.')} answered \\(HTTP \\d{3}\\) in N ms\\.$`)),
    ]);
    expect(guarded.seenFor(sandboxHost).map((s) => `${s.method} ${s.credentials ?? '-'}`)).toEqual(['HEAD -', `HEAD ops:${PASSWORD}`]);
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
  }, 30_000);

  it('a refused password fails in words naming the proxy', async () => {
    forgetProxyChallenges();
    await t.call('settings.setProxyPassword', { password: 'wrong' });
    const result = await t.call('settings.testProxy', { accountId: t.accounts.generic });
    expect(result.ok).toBe(false);
    expect(said(result).at(-1)).toBe(`Failed after N ms: The proxy 127.0.0.1:${guarded.port} (from Settings) refused the user name "ops" and its password (407). Set the proxy's user name and password in Settings, Network.`);
  }, 30_000);

  it('without a proxy: says it went directly', async () => {
    await proxySetting({ mode: 'none' });
    const result = await t.call('settings.testProxy', { accountId: t.accounts.twilio });
    expect(said(result)[0]).toBe(`Went directly to ${sandboxHost}: the settings give no proxy for it.`);
  }, 30_000);

  it('the window cannot name what is contacted: only an account', async () => {
    const error = await t.callError('settings.testProxy', { accountId: t.accounts.library, url: 'http://evil.example/' } as never);
    expect(error.code).toBe('validation');
  });
});
