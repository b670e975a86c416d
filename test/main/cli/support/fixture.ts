// The world the CLI tests run in: a sandbox started by the test, and an app data folder holding the sandbox's
// three accounts, made the way the app makes them (AccountStore + the key-file vault). The test process plays the
// app running on that folder: it holds the folder's lock and announces the sandbox's origin in instance.json, as the
// app does once its embedded sandbox listens (the CLI follows the sandbox account's media redirects to loopback
// only then).
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sandboxAccountConfigs } from '../../../../main/app/embedded-sandbox.js';
import { AccountStore } from '../../../../main/core/accounts/account-store.js';
import { lockDataFolder, type DataFolderLock } from '../../../../main/core/storage/instance-lock.js';
import { createKeyFileCipher } from '../../../../main/core/vault/cipher.js';
import { SecretVault } from '../../../../main/core/vault/vault.js';
import { startSandbox, type Sandbox } from '../../../../main/sandbox/index.js';

export interface CliFixture {
  sandbox: Sandbox;
  /** The app's data folder, with the three sandbox accounts and their secrets in the key-file vault. */
  dataDir: string;
  /** A scratch folder for files to upload and downloads. */
  work: string;
  ids: { generic: string; library: string; twilio: string };
  /** The running app's lock on dataDir, with the sandbox's origin announced. */
  instance: DataFolderLock;
  /** Every credential the sandbox knows: none may ever appear in the CLI's output. */
  secrets: string[];
  close(): Promise<void>;
}

export async function makeAppDataDir(dir: string, sandbox: Sandbox): Promise<{ generic: string; library: string; twilio: string }> {
  const vault = new SecretVault(dir, await createKeyFileCipher(dir));
  await vault.load();
  const store = new AccountStore(dir, vault);
  await store.load();
  const ids: Record<string, string> = {};
  for (const { config, secret } of sandboxAccountConfigs(sandbox.accounts)) ids[config.kind] = (await store.create(config, secret, {}, { sandboxAccount: true })).id;
  return { generic: ids.generic!, library: ids.library!, twilio: ids.twilio! };
}

export async function startCliFixture(): Promise<CliFixture> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'md-cli-'));
  const sandbox = await startSandbox({ dataDir: path.join(root, 'sandbox'), faults: true });
  const dataDir = path.join(root, 'app');
  const work = path.join(root, 'work');
  await fs.mkdir(work, { recursive: true });
  const ids = await makeAppDataDir(dataDir, sandbox);
  const instance = await lockDataFolder(dataDir, 'browser');
  await instance.announce({ sandbox: new URL(sandbox.baseUrl).origin });
  const a = sandbox.accounts;
  const secrets = [a.generic.password, a.library.password, a.library.otherUser.password, a.twilio.authToken, a.twilio.apiKeySecret];
  return {
    sandbox,
    dataDir,
    work,
    ids,
    instance,
    secrets,
    async close() {
      await instance.release();
      await sandbox.close();
      await fs.rm(root, { recursive: true, force: true });
    },
  };
}
