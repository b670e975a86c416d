// Where secrets come from (vault, MEDIA_DESK_SECRET, a prompt without echo) and what happens when none can be
// had; plus what only a terminal shows: the prompt and the progress line.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountStore } from '../../../main/core/accounts/account-store.js';
import { INSTANCE_FILE, LOCK_NAME } from '../../../main/core/storage/instance-lock.js';
import { createKeyFileCipher } from '../../../main/core/vault/cipher.js';
import { SecretVault } from '../../../main/core/vault/vault.js';
import { startSandbox } from '../../../main/sandbox/index.js';
import { buildCli, expectOneErrorLine, makeRunner, REPO } from './support/cli-process.js';
import { makeAppDataDir, startCliFixture, type CliFixture } from './support/fixture.js';
import { hasScript, runInTerminal } from './support/terminal.js';

let fixture: CliFixture;
let cli: Awaited<ReturnType<typeof buildCli>>;
let run: ReturnType<typeof makeRunner>;
/** A copy of the data folder as the desktop app leaves it: secrets sealed by the OS keychain, no vault.key. */
let keychainDir: string;
const WRONG = 'wrong-password-1234';

beforeAll(async () => {
  [fixture, cli] = await Promise.all([startCliFixture(), buildCli()]);
  run = makeRunner(cli.bundle, () => [...fixture.secrets, WRONG]);
  keychainDir = path.join(fixture.work, 'keychain-app');
  // Not the running app's lock: this copy is a folder of its own.
  await fs.cp(fixture.dataDir, keychainDir, { recursive: true, filter: (source) => ![INSTANCE_FILE, LOCK_NAME].includes(path.basename(source)) });
  await fs.rm(path.join(keychainDir, 'vault.key'));
});
afterAll(async () => {
  await fixture?.close();
  await cli?.remove();
});

describe('a data folder whose secrets the vault cannot open (the desktop app\'s keychain)', () => {
  it('lists the secrets as sealed, and stops with 4 naming MEDIA_DESK_SECRET when stdin is not a terminal', async () => {
    const list = await run(['accounts', 'list', '--data-dir', keychainDir, '--json']);
    expect((list.json() as { accounts: Array<{ secret: string }> }).accounts.map((a) => a.secret)).toEqual(['sealed', 'sealed', 'sealed']);

    const result = await run(['library', 'ls', '--data-dir', keychainDir]);
    expect(result.code).toBe(4);
    expectOneErrorLine(result, /"Sandbox media library": its saved password cannot be opened here \(.*OS keychain.*\)\. Set MEDIA_DESK_SECRET, or run media-desk in a terminal to be asked\.$/);
    // Reading is all the CLI does: no key file appears in the desktop app's folder.
    expect((await fs.readdir(keychainDir)).sort()).toEqual(['accounts.json', 'secrets.json']);
  });

  it('takes the secret from MEDIA_DESK_SECRET; a wrong one is refused by the server (3) and never printed', async () => {
    const ok = await run(['library', 'ls', '--data-dir', keychainDir, '--json'], { env: { MEDIA_DESK_SECRET: fixture.sandbox.accounts.library.password } });
    expect(ok.code).toBe(0);
    expect((ok.json() as { folders: Array<{ name: string }> }).folders.map((f) => f.name)).toContain('photos');

    const twilio = await run(['twilio', 'messages', '--limit', '1', '--data-dir', keychainDir], { env: { MEDIA_DESK_SECRET: fixture.sandbox.accounts.twilio.authToken } });
    expect(twilio.code).toBe(0);

    const wrong = await run(['library', 'ls', '--data-dir', keychainDir, '--json'], { env: { MEDIA_DESK_SECRET: WRONG } });
    expect(wrong.code).toBe(3);
    expectOneErrorLine(wrong, /did not accept the credentials/);
    expect(wrong.json()).toMatchObject({ error: { code: 'unauthorized', exitCode: 3 } });
  });

  it('the vault wins over the environment when it has the secret', async () => {
    const result = await run(['library', 'ls', '--data-dir', fixture.dataDir], { env: { MEDIA_DESK_SECRET: WRONG } });
    expect(result.code).toBe(0);
  });

  it('an account with no secret saved says so', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-cli-nosecret-'));
    try {
      const vault = new SecretVault(dir, await createKeyFileCipher(dir));
      const store = new AccountStore(dir, vault);
      const a = fixture.sandbox.accounts.library;
      await store.create({ kind: 'library', label: 'No password', serverUrl: a.serverUrl, domain: a.domain, userId: a.userId, appId: a.appId });
      const list = await run(['accounts', 'list', '--data-dir', dir]);
      expect(list.stdout).toMatch(/^No password\s+media library\s+acc_\w+\s+none\s/m);
      const result = await run(['library', 'ls', '--data-dir', dir]);
      expect(result.code).toBe(4);
      expectOneErrorLine(result, /"No password": no password is saved for it\. Set MEDIA_DESK_SECRET/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('in a terminal', () => {
  if (!hasScript) console.log("SKIPPED terminal tests of the CLI: they need util-linux's `script` to give the CLI a pseudo-terminal, and it is not on this machine.");
  it.skipIf(!hasScript)('asks for the secret without echoing it, and uses it', async () => {
    const password = fixture.sandbox.accounts.library.password;
    const result = await runInTerminal(cli.bundle, ['library', 'ls', '--data-dir', keychainDir], {}, { prompt: 'Password for "Sandbox media library": ', text: password });
    expect(result.code).toBe(0);
    expect(result.screen).toContain('its saved password cannot be opened here');
    expect(result.screen).toMatch(/^photos\s/m);
    expect(result.screen).not.toContain(password);
  });

  it.skipIf(!hasScript)('Ctrl-C at the prompt cancels with 130', async () => {
    const result = await runInTerminal(cli.bundle, ['library', 'ls', '--data-dir', keychainDir], {}, { prompt: 'Password for', text: '\u0003' });
    expect(result.code).toBe(130);
    expect(result.screen).toContain('media-desk: Cancelled.');
  });

  it.skipIf(!hasScript)('draws progress on stderr when it is a terminal, and leaves the line clean', async () => {
    const out = path.join(fixture.work, 'tty-out');
    await fs.mkdir(out);
    const result = await runInTerminal(cli.bundle, ['library', 'get', 'photos/fractal.jpg', '--out', out, '--data-dir', fixture.dataDir], {});
    expect(result.code).toBe(0);
    expect(result.screen).toMatch(/\r\u001b\[2Kfractal\.jpg {2}\d+(\.\d)? KiB of 67 KiB \(100%\)/);
    expect(result.screen).toContain(`${path.join(out, 'fractal.jpg')}`);
    expect((await fs.readFile(path.join(out, 'fractal.jpg'))).equals(await fs.readFile(path.join(REPO, 'assets/demo/fractal.jpg')))).toBe(true);
  });
});

describe('a sandbox account while its sandbox is not running', () => {
  it('is a remote error (3) that says to start the app', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-cli-stopped-'));
    try {
      const stopped = await startSandbox({ dataDir: path.join(dir, 'sandbox') });
      await makeAppDataDir(path.join(dir, 'app'), stopped);
      await stopped.close();
      const result = await run(['library', 'ls', '--data-dir', path.join(dir, 'app')]);
      expect(result.code).toBe(3);
      expectOneErrorLine(result, /Could not connect to 127\.0\.0\.1:\d+: the connection was refused\. Sandbox accounts reach the sandbox built into the app: start Media Desk first\.$/);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
