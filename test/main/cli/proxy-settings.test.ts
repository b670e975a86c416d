// The CLI works on the app's accounts and data folder, so the admin's manual proxy in Settings → Network is its
// proxy too: with the user name from Settings and the password the vault keeps for that proxy, sent to it and to no
// other. The environment otherwise; --proxy-from settings|env chooses.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROXY_PASSWORD_KEY, type ProxySetting } from '../../../main/common/proxy.js';
import { SettingsStore } from '../../../main/core/settings-store.js';
import { createKeyFileCipher } from '../../../main/core/vault/cipher.js';
import { SecretVault } from '../../../main/core/vault/vault.js';
import { startTestProxy, type TestProxy } from '../../helpers/test-proxy.js';
import { buildCli, expectOneErrorLine, makeRunner, REPO } from './support/cli-process.js';
import { makeAppDataDir, startCliFixture, type CliFixture } from './support/fixture.js';

const PASSWORD = 'settings-Pr0xy:p@ss wörd';
let fixture: CliFixture;
let cli: Awaited<ReturnType<typeof buildCli>>;
let run: ReturnType<typeof makeRunner>;
/** The proxy named in Settings, which asks for admin and PASSWORD. */
let corporate: TestProxy;
/** The proxy the environment names. */
let fromEnv: TestProxy;
let sandboxHost: string;
let dataDir: string;

/** Settings → Network as the app saves it, and the proxy password in the vault as the app keeps it. */
async function saveProxy(dir: string, setting: Partial<ProxySetting>, password?: string): Promise<void> {
  const settings = new SettingsStore(dir);
  await settings.load();
  await settings.update({ proxy: { mode: 'manual', host: '127.0.0.1', port: corporate.port, username: 'admin', credentialsProxy: '', bypass: '', ...setting } });
  const vault = new SecretVault(dir, await createKeyFileCipher(dir));
  await vault.load();
  if (password === undefined) await vault.delete(PROXY_PASSWORD_KEY);
  else await vault.set(PROXY_PASSWORD_KEY, password);
}

beforeAll(async () => {
  [fixture, cli, corporate, fromEnv] = await Promise.all([startCliFixture(), buildCli(), startTestProxy({ credentials: { username: 'admin', password: PASSWORD } }), startTestProxy()]);
  run = makeRunner(cli.bundle, () => [...fixture.secrets, PASSWORD]);
  sandboxHost = new URL(fixture.sandbox.baseUrl).host;
  dataDir = path.join(fixture.work, 'app-behind-proxy');
  await makeAppDataDir(dataDir, fixture.sandbox);
}, 60_000);
afterAll(async () => {
  await fixture?.close();
  await cli?.remove();
  await corporate?.close();
  await fromEnv?.close();
});

const ENV = { env: { HTTP_PROXY: '' } };
const withEnvProxy = () => ({ env: { HTTP_PROXY: fromEnv.url, HTTPS_PROXY: fromEnv.url } });

/** Runs one command; how many requests for the sandbox each proxy saw meanwhile, and the credentials they came with. */
async function through(args: string[], options: { env: Record<string, string> }) {
  const before = { corporate: corporate.seenFor(sandboxHost).length, env: fromEnv.seenFor(sandboxHost).length };
  const result = await run([...args, '--data-dir', dataDir], options);
  const seen = corporate.seenFor(sandboxHost).slice(before.corporate);
  return { result, corporate: seen.length, credentials: seen.map((s) => s.credentials ?? '-'), env: fromEnv.seenFor(sandboxHost).length - before.env };
}

describe('the CLI and the proxy set in the app', () => {
  it('goes through a manual proxy from Settings, with its user name and the password saved for it, over the environment', async () => {
    await saveProxy(dataDir, {}, PASSWORD);
    for (const args of [['library', 'ls'], ['twilio', 'messages'], ['upload', '--to', '+15551230001', path.join(REPO, 'assets/demo/fractal.jpg')]]) {
      const { result, corporate: seen, credentials, env } = await through(args, withEnvProxy());
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      expect(seen, args.join(' ')).toBeGreaterThanOrEqual(1);
      // Each command is a new process: its first request goes without them; after the proxy's 407, every one with them.
      expect(credentials.slice(0, 2), args.join(' ')).toEqual(['-', `admin:${PASSWORD}`]);
      expect(new Set(credentials.slice(1))).toEqual(new Set([`admin:${PASSWORD}`]));
      expect(env).toBe(0);
    }
  }, 90_000);

  it('--proxy-from env leaves the setting aside: the environment\'s proxy, never the saved password', async () => {
    await saveProxy(dataDir, {}, PASSWORD);
    const { result, corporate: seen, env } = await through(['library', 'ls', '--proxy-from', 'env'], withEnvProxy());
    expect(result.code).toBe(0);
    expect(seen).toBe(0);
    expect(env).toBeGreaterThanOrEqual(1);
    expect(fromEnv.seen.every((s) => s.credentials === undefined)).toBe(true);
  }, 30_000);

  it('follows the environment when Settings says "system" or "none"; --proxy-from settings takes "none" at its word', async () => {
    await saveProxy(dataDir, { mode: 'system', host: '', port: null, username: '' });
    expect((await through(['library', 'ls'], withEnvProxy())).env).toBeGreaterThanOrEqual(1);
    await saveProxy(dataDir, { mode: 'none' });
    expect((await through(['library', 'ls'], withEnvProxy())).env).toBeGreaterThanOrEqual(1);
    const direct = await through(['library', 'ls', '--proxy-from', 'settings'], withEnvProxy());
    expect(direct.result.code).toBe(0);
    expect([direct.env, direct.corporate]).toEqual([0, 0]);
  }, 60_000);

  it("keeps Settings' bypass list, as the app does", async () => {
    await saveProxy(dataDir, { bypass: '127.0.0.1' }, PASSWORD);
    const { result, corporate: seen, env } = await through(['library', 'ls'], withEnvProxy());
    expect(result.code).toBe(0);
    expect([seen, env]).toEqual([0, 0]);
  }, 30_000);

  it('says a password the vault does not hold for that proxy as the proxy\'s 407, naming it and where it came from', async () => {
    await saveProxy(dataDir, {});
    const { result } = await through(['library', 'ls'], ENV);
    expect(result.code).toBe(3);
    expectOneErrorLine(result, new RegExp(`The proxy 127\\.0\\.0\\.1:${corporate.port} \\(from Settings\\) refused the user name "admin"`));
  }, 30_000);

  it('says so when the password was sealed by the desktop app (OS keychain), rather than sending none', async () => {
    const keychainDir = path.join(fixture.work, 'keychain-behind-proxy');
    await fs.cp(dataDir, keychainDir, { recursive: true });
    await saveProxy(keychainDir, {}, PASSWORD);
    await fs.rm(path.join(keychainDir, 'vault.key'));
    const result = await run(['library', 'ls', '--data-dir', keychainDir], { env: { MEDIA_DESK_SECRET: fixture.sandbox.accounts.library.password } });
    expect(result.code).toBe(4);
    expectOneErrorLine(result, /The proxy password saved in the app for "admin" cannot be opened here .*--proxy-from env\.$/);
  }, 30_000);

  it('refuses an unknown --proxy-from, and says the choice in --help', async () => {
    const bad = await run(['library', 'ls', '--proxy-from', 'pac', '--data-dir', dataDir]);
    expect(bad.code).toBe(2);
    expectOneErrorLine(bad, /--proxy-from must be one of settings, env/);
    const help = await run(['library', 'ls', '--help']);
    expect(help.stdout).toMatch(/--proxy-from settings\|env/);
    expect(help.stdout).toContain('a manual proxy set in the app (Settings, Network) is used');
  }, 30_000);
});
