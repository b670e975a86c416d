// The app under test: the real services, handlers and dispatcher (booted as the browser host boots them), talking
// to a sandbox of our own started with its fault hooks on, through accounts created the way the UI creates them
// (accounts.create over the contract, the secret typed in). Every contract answer and every event is recorded:
// that is everything the renderer can read, and the secret scan looks through it at the end.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useRunningSandbox } from '../../../main/app/connections.js';
import { sandboxAccountConfigs } from '../../../main/app/embedded-sandbox.js';
import type { AccountConfig } from '../../../main/common/accounts.js';
import type { InvokeResult, MethodArgs, MethodName, MethodResult } from '../../../main/common/contract.js';
import { isAppErrorData, type AppErrorData } from '../../../main/common/errors.js';
import { FINAL_STATES, type TransferItem } from '../../../main/common/transfers.js';
import { startSandbox, type Sandbox } from '../../../main/sandbox/index.js';
import { loadOrCreateSecrets, SECRETS_FILE } from '../../../main/sandbox/secrets.js';
import { bootTestApp } from '../../helpers/app-harness.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DEMO_DIR = path.join(REPO_ROOT, 'assets', 'demo');

export type TestApp = Awaited<ReturnType<typeof bootTestApp>>;

/** A contract call that answered with an error, thrown so tests can `await expect(...).rejects`. */
export class ContractError extends Error {
  constructor(readonly data: AppErrorData) {
    super(`${data.code}: ${data.message}`);
  }
}

export interface AccountIds {
  generic: string;
  library: string;
  twilio: string;
}

export interface AppUnderTest {
  app: TestApp;
  dataDir: string;
  sandbox: Sandbox;
  /** Temp files the tests create (sources to upload, download folders): outside the data dir. */
  workDir: string;
  accounts: AccountIds;
  /** Every secret typed into the app, and the user:secret pairs Basic auth encodes. */
  secrets: SecretTyped[];
  /** Everything the renderer could read: contract answers and events. */
  seenByRenderer: unknown[];
  invoke(method: unknown, args: unknown): Promise<InvokeResult<unknown>>;
  call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>>;
  /** The error a call answered with (fails the test if it succeeded). */
  callError<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<AppErrorData>;
  /** Polls transfers.list until the transfer is in a final state. */
  waitForTransfer(id: string, timeoutMs?: number): Promise<TransferItem>;
  /** A copy of a demo asset in the work dir, under the given name. */
  demoFile(asset: string, name?: string): Promise<string>;
  close(): Promise<void>;
}

export interface SecretTyped {
  label: string;
  value: string;
  /** The user that goes with it in Basic auth, if any. */
  user?: string;
}

/**
 * Main's own mark on an account (core/accounts/sandbox-mark.ts), through the store as the embedded sandbox's sync sets
 * it, and the account's server taken as the running sandbox (as the app's start-up does for its own sandbox).
 */
export async function markSandboxAccount(app: Awaited<ReturnType<typeof bootTestApp>>, id: string): Promise<void> {
  const config = app.services.accounts.config(id);
  await app.services.accounts.update(id, config, undefined, {}, { sandboxAccount: true });
  if (config.kind === 'twilio') useRunningSandbox(new URL(config.baseUrl).origin);
}

function stripSandboxFlag(config: AccountConfig, label: string): AccountConfig {
  const { sandbox: _sandbox, ...rest } = config;
  return { ...rest, label };
}

/** Passwords for the sandbox's users instead of its random alphanumeric ones (the Twilio account then uses its API key). */
export interface HostileSecrets {
  generic: string;
  library: string;
  twilioApiKeySecret: string;
}

export interface AppUnderTestOptions {
  sandboxLimits?: { genericMaxUploadBytes?: number };
  secrets?: HostileSecrets;
  /** The environment the app reads its proxy variables from (HTTPS_PROXY…); empty by default. */
  env?: Record<string, string | undefined>;
}

/** Writes the sandbox's credentials file before it starts, with the given passwords in place of its random ones. */
async function seedSandboxSecrets(sandboxDir: string, secrets: HostileSecrets): Promise<void> {
  const generated = await loadOrCreateSecrets(sandboxDir);
  const seeded = {
    ...generated,
    generic: { ...generated.generic, password: secrets.generic },
    library: { ...generated.library, user: { ...generated.library.user, password: secrets.library } },
    twilio: { ...generated.twilio, apiKeySecret: secrets.twilioApiKeySecret },
  };
  await fs.writeFile(path.join(sandboxDir, SECRETS_FILE), JSON.stringify(seeded), { mode: 0o600 });
}

export async function startAppUnderTest(name: string, options: AppUnderTestOptions = {}): Promise<AppUnderTest> {
  const base = await fs.mkdtemp(path.join(os.tmpdir(), `md-rel-${name}-`));
  const dataDir = path.join(base, 'data');
  const workDir = path.join(base, 'work');
  await fs.mkdir(dataDir);
  await fs.mkdir(workDir);
  // The sandbox's own data dir holds its demo credentials in clear (it is the server): keep it out of the app's.
  const sandboxDir = path.join(base, 'sandbox');
  if (options.secrets) {
    await fs.mkdir(sandboxDir);
    await seedSandboxSecrets(sandboxDir, options.secrets);
  }
  const sandbox = await startSandbox({
    dataDir: sandboxDir,
    faults: true,
    ...(options.sandboxLimits ? { limits: options.sandboxLimits } : {}),
    onError: () => undefined,
  });
  const app = await bootTestApp(dataDir, options.env ? { env: options.env } : {});
  const seenByRenderer: unknown[] = [];
  const unsubscribe = app.services.events.subscribe((event, payload) => seenByRenderer.push({ event, payload }));

  const invoke = async (method: unknown, args: unknown): Promise<InvokeResult<unknown>> => {
    const answer = await app.dispatch(method, args);
    seenByRenderer.push(answer);
    return answer;
  };
  const call = async <M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> => {
    const answer = await invoke(method, args);
    if (!answer.ok) throw new ContractError(answer.error);
    return answer.value as MethodResult<M>;
  };
  const callError = async <M extends MethodName>(method: M, args: MethodArgs<M>): Promise<AppErrorData> => {
    const answer = await invoke(method, args);
    if (answer.ok) throw new Error(`${method} succeeded; an error was expected`);
    return answer.error;
  };

  const configs = sandboxAccountConfigs(sandbox.accounts);
  const labels = ['Reliability upload', 'Reliability library', 'Reliability Twilio'];
  const ids: string[] = [];
  const { generic, library, twilio } = sandbox.accounts;
  for (const [i, { config, secret }] of configs.entries()) {
    const useApiKey = options.secrets !== undefined && config.kind === 'twilio';
    const typed = useApiKey ? { ...config, authMode: 'apiKey' as const, apiKeySid: twilio.apiKeySid } : config;
    const created = await call('accounts.create', { config: stripSandboxFlag(typed, labels[i] ?? 'x'), secret: useApiKey ? twilio.apiKeySecret : secret });
    ids.push(created.id);
  }
  // This sandbox plays the embedded one, whose CDN is another loopback port: main marks its Twilio account as the
  // sandbox's, as its start-up sync does (the window cannot), else a media redirect to loopback is refused.
  await markSandboxAccount(app, ids[2] ?? '');
  const secrets: SecretTyped[] = [
    { label: 'generic password', value: generic.password, user: generic.username },
    { label: 'library password', value: library.password, user: library.userId },
    options.secrets
      ? { label: 'Twilio API key secret', value: twilio.apiKeySecret, user: twilio.apiKeySid }
      : { label: 'Twilio Auth Token', value: twilio.authToken, user: twilio.accountSid },
  ];

  return {
    app,
    dataDir,
    sandbox,
    workDir,
    accounts: { generic: ids[0] ?? '', library: ids[1] ?? '', twilio: ids[2] ?? '' },
    secrets,
    seenByRenderer,
    invoke,
    call,
    callError,
    async waitForTransfer(id, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const item = app.services.transfers.get(id);
        if (!item) throw new Error(`transfer ${id} is not in the list`);
        if (FINAL_STATES.includes(item.state)) {
          // What the renderer gets: through the contract.
          const listed = await call('transfers.list', {});
          return listed.items.find((i) => i.id === id) ?? item;
        }
        if (Date.now() > deadline) throw new Error(`transfer ${id} still ${item.state} after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 15));
      }
    },
    async demoFile(asset, name = asset) {
      const dir = await fs.mkdtemp(path.join(workDir, 'src-'));
      const file = path.join(dir, name);
      await fs.copyFile(path.join(DEMO_DIR, asset), file);
      return file;
    },
    async close() {
      unsubscribe();
      await app.close();
      await sandbox.close();
      await fs.rm(base, { recursive: true, force: true });
    },
  };
}

export function errorOf(item: TransferItem): AppErrorData {
  if (!item.error || !isAppErrorData(item.error)) throw new Error(`transfer ${item.id} has no error (state ${item.state})`);
  return item.error;
}

/** A free loopback port with nothing listening on it (the server that had it is closed). */
export async function closedPort(): Promise<number> {
  const net = await import('node:net');
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
