// Without a manual proxy in Settings (proxy-settings.test.ts), the CLI reaches its servers through the proxy the
// environment names, as curl does: HTTP_PROXY (with its user:password), NO_PROXY, and a 407 said in one line naming
// the proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestProxy, type TestProxy } from '../../helpers/test-proxy.js';
import { buildCli, expectOneErrorLine, makeRunner } from './support/cli-process.js';
import { startCliFixture, type CliFixture } from './support/fixture.js';

const PASSWORD = `cli%p@ss:+"'ü`;
let fixture: CliFixture;
let cli: Awaited<ReturnType<typeof buildCli>>;
let run: ReturnType<typeof makeRunner>;
let proxy: TestProxy;
let sandboxHost: string;

beforeAll(async () => {
  [fixture, cli, proxy] = await Promise.all([startCliFixture(), buildCli(), startTestProxy({ credentials: { username: 'ops', password: PASSWORD } })]);
  run = makeRunner(cli.bundle, () => [...fixture.secrets, PASSWORD, encodeURIComponent(PASSWORD)]);
  sandboxHost = new URL(fixture.sandbox.baseUrl).host;
});
afterAll(async () => {
  await fixture?.close();
  await cli?.remove();
  await proxy?.close();
});

const withProxy = (password: string, extra: Record<string, string> = {}) => ({ env: { HTTP_PROXY: `http://ops:${encodeURIComponent(password)}@127.0.0.1:${proxy.port}`, ...extra } });

describe('the CLI behind a proxy', () => {
  it('sends the media library and Twilio through HTTP_PROXY with its credentials', async () => {
    const before = proxy.seenFor(sandboxHost).length;
    expect((await run(['library', 'ls', '--data-dir', fixture.dataDir], withProxy(PASSWORD))).code).toBe(0);
    expect((await run(['twilio', 'messages', '--data-dir', fixture.dataDir], withProxy(PASSWORD))).code).toBe(0);
    const seen = proxy.seenFor(sandboxHost).slice(before);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(new Set(seen.map((s) => s.credentials))).toEqual(new Set([`ops:${PASSWORD}`]));
  }, 60_000);

  it('goes straight to a host NO_PROXY lists', async () => {
    const before = proxy.seen.length;
    expect((await run(['library', 'ls', '--data-dir', fixture.dataDir], withProxy(PASSWORD, { NO_PROXY: '127.0.0.1' }))).code).toBe(0);
    expect(proxy.seen.length).toBe(before);
  }, 30_000);

  it('says a wrong proxy password in one line naming the proxy, never the password', async () => {
    const result = await run(['library', 'ls', '--data-dir', fixture.dataDir], withProxy('wrong-one'));
    expect(result.code).not.toBe(0);
    expectOneErrorLine(result, new RegExp(`The proxy 127\\.0\\.0\\.1:${proxy.port} \\(from HTTP_PROXY\\) refused the user name "ops" and its password \\(407\\)`));
    expect(result.stderr).not.toContain('wrong-one');
  }, 30_000);
});
