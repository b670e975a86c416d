// The app's route for every request, end to end: the three protocols (generic upload, media library, Twilio) reach
// the sandbox through a real proxy on loopback, from the environment (the browser host's "system") or from Settings,
// which wins; with proxy credentials from the vault, sent once the proxy asked, a wrong one said as a 407 naming the
// proxy; the bypass list holds; the proxy's password never reaches the window or the log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProxySetting } from '../../../main/common/proxy';
import { startTestProxy, type TestProxy } from '../../helpers/test-proxy';
import { startAppUnderTest, type AppUnderTest } from '../../reliability/support/app';

const PASSWORD = 'corp-Pr0xy-p@ss:wörd';
let t: AppUnderTest;
let fromEnv: TestProxy;
let fromSettings: TestProxy;
let sandboxHost: string;

beforeAll(async () => {
  fromEnv = await startTestProxy();
  fromSettings = await startTestProxy({ credentials: { username: 'admin', password: PASSWORD } });
  t = await startAppUnderTest('proxy', { env: { HTTPS_PROXY: fromEnv.url, HTTP_PROXY: fromEnv.url, NO_PROXY: 'example.com' } });
  sandboxHost = new URL(t.sandbox.baseUrl).host;
}, 60_000);
afterAll(async () => {
  await t?.close();
  await fromEnv?.close();
  await fromSettings?.close();
});

async function proxySetting(patch: Partial<ProxySetting>): Promise<void> {
  await t.call('settings.update', { proxy: { ...t.app.services.settings.get().proxy, ...patch } });
}

/** One request of each protocol; what each proxy saw of the sandbox meanwhile. */
async function everyProtocol(): Promise<{ outcomes: string[]; env: number; settings: number }> {
  const before = { env: fromEnv.seenFor(sandboxHost).length, settings: fromSettings.seenFor(sandboxHost).length };
  const file = await t.demoFile('fractal.jpg');
  const [queued] = await t.call('generic.upload', { accountId: t.accounts.generic, files: [await t.app.grantFile(file)], recipients: ['+15551230001'], description: 'proxy' });
  const upload = await t.waitForTransfer(queued?.id ?? '');
  const library = await t.invoke('library.listFolders', { accountId: t.accounts.library });
  const twilio = await t.invoke('twilio.listMessages', { accountId: t.accounts.twilio });
  const said = (answer: { ok: boolean; error?: { message: string } }) => (answer.ok ? 'ok' : (answer.error?.message ?? 'failed'));
  return {
    outcomes: [upload.state === 'done' ? 'ok' : (upload.error?.message ?? upload.state), said(library), said(twilio)],
    env: fromEnv.seenFor(sandboxHost).length - before.env,
    settings: fromSettings.seenFor(sandboxHost).length - before.settings,
  };
}

describe('the route every request takes', () => {
  it('by default ("system" in the browser host) the three protocols go through HTTP_PROXY, absolute-form', async () => {
    const run = await everyProtocol();
    expect(run.outcomes).toEqual(['ok', 'ok', 'ok']);
    expect(run.env).toBeGreaterThanOrEqual(3);
    expect(run.settings).toBe(0);
    expect(fromEnv.seenFor(sandboxHost).every((s) => s.target.startsWith(`http://${sandboxHost}/`))).toBe(true);
  }, 30_000);

  it('a manual proxy in Settings wins over the environment, with the user name and the password from the vault', async () => {
    expect(await t.call('settings.setProxyPassword', { password: PASSWORD })).toEqual({ passwordSaved: true });
    await proxySetting({ mode: 'manual', host: '127.0.0.1', port: fromSettings.port, username: 'admin', bypass: '' });
    const run = await everyProtocol();
    expect(run.outcomes).toEqual(['ok', 'ok', 'ok']);
    expect(run.settings).toBeGreaterThanOrEqual(3);
    expect(run.env).toBe(0);
    // Only once the proxy asked: its first request came without them, each one after its 407 with them at once.
    const credentials = fromSettings.seen.map((s) => s.credentials ?? '-');
    expect(credentials.slice(0, 2)).toEqual(['-', `admin:${PASSWORD}`]);
    expect(new Set(credentials.slice(1))).toEqual(new Set([`admin:${PASSWORD}`]));
  }, 30_000);

  it('a wrong proxy password fails each protocol with a 407 message naming the proxy, not the password', async () => {
    await t.call('settings.setProxyPassword', { password: `${PASSWORD}-old` });
    const run = await everyProtocol();
    const expected = `The proxy 127.0.0.1:${fromSettings.port} (from Settings) refused the user name "admin" and its password (407). Set the proxy's user name and password in Settings, Network.`;
    expect(run.outcomes).toEqual([expected, expected, expected]);
    await t.call('settings.setProxyPassword', { password: PASSWORD });
  }, 30_000);

  it("the manual proxy's bypass list sends a listed host straight to its server", async () => {
    await proxySetting({ bypass: 'example.com, 127.0.0.1' });
    const run = await everyProtocol();
    expect(run.outcomes).toEqual(['ok', 'ok', 'ok']);
    expect([run.env, run.settings]).toEqual([0, 0]);
  }, 30_000);

  it('"none" goes direct whatever the environment says', async () => {
    await proxySetting({ mode: 'none', bypass: '' });
    const run = await everyProtocol();
    expect(run.outcomes).toEqual(['ok', 'ok', 'ok']);
    expect([run.env, run.settings]).toEqual([0, 0]);
  }, 30_000);

  it("refuses a manual proxy without a host or port, in words, on main's side too", async () => {
    const error = await t.callError('settings.update', { proxy: { mode: 'manual', host: 'http://proxy', port: 70000, username: '', bypass: 'ok.net, not valid!' } });
    expect(error.code).toBe('validation');
    expect(error.message).toContain('Enter the proxy host as a name or an IP address, without http:// or a port.');
    expect(t.app.services.settings.get().proxy.mode).toBe('none');
  });

  it("the proxy's password never reaches the window or the log", async () => {
    expect(await t.call('settings.proxyPassword', {})).toEqual({ passwordSaved: true });
    const log = (await t.call('log.list', { limit: 5000 })).map((e) => e.message).join('\n');
    const seen = JSON.stringify(t.seenByRenderer);
    for (const form of [PASSWORD, encodeURIComponent(PASSWORD), Buffer.from(`admin:${PASSWORD}`).toString('base64')]) {
      expect(seen).not.toContain(form);
      expect(log).not.toContain(form);
    }
    expect(log).toContain('The proxy password was saved.');
  });

  it('the saved proxy password stays with its proxy: naming another one drops it, a bypass change keeps it', async () => {
    await proxySetting({ mode: 'manual', host: '127.0.0.1', port: fromSettings.port, username: 'admin', bypass: '' });
    await t.call('settings.setProxyPassword', { password: PASSWORD });
    await proxySetting({ bypass: 'example.com' });
    expect(await t.call('settings.proxyPassword', {})).toEqual({ passwordSaved: true });
    const seenBefore = fromEnv.seen.length;
    await proxySetting({ port: fromEnv.port, bypass: '' });
    expect(await t.call('settings.proxyPassword', {})).toEqual({ passwordSaved: false });
    await everyProtocol();
    const sentToOther = fromEnv.seen.slice(seenBefore).map((s) => s.credentials);
    expect(sentToOther.length).toBeGreaterThanOrEqual(3);
    expect(sentToOther.filter((c) => c !== undefined && c.includes(PASSWORD))).toEqual([]);
    await proxySetting({ mode: 'none' });
  }, 30_000);
});
