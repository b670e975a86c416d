// Shared by the library handler tests: the real app (services, dispatcher, transfer queue) on a temp data dir, a
// sandbox with its test hooks on, a media library account pointing at it, and clients for the sandbox's second user
// ("other"), so that what the app does can be checked from the other side.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { InvokeResult, MethodArgs, MethodName, MethodResult } from '../../../../main/common/contract';
import type { ErrorCode } from '../../../../main/common/errors';
import type { TransferItem } from '../../../../main/common/transfers';
import { FINAL_STATES } from '../../../../main/common/transfers';
import { LibraryClient } from '../../../../main/providers/library/index';
import { startSandbox, type Sandbox } from '../../../../main/sandbox/index';
import { bootTestApp } from '../../../helpers/app-harness';

export const ASSETS = path.resolve(__dirname, '../../../../assets/demo');

export interface LibraryWorld {
  app: Awaited<ReturnType<typeof bootTestApp>>;
  sandbox: Sandbox;
  accountId: string;
  domain: string;
  demoUser: string;
  demoApp: string;
  otherUser: string;
  otherApp: string;
  /** The sandbox's second user through his own application. */
  other: LibraryClient;
  /** The demo user through the app's own connection (to set things up without going through the app). */
  demo: LibraryClient;
  /** The demo user through the other application. */
  demoViaOtherApp: LibraryClient;
  /** The other user through the demo application. */
  otherViaDemoApp: LibraryClient;
  tmp: string;
  call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<InvokeResult<MethodResult<M>>>;
  /** Calls and expects success. */
  ok<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>>;
  /** Calls and expects an error with this code; returns its message. */
  fails(method: MethodName, args: unknown, code: ErrorCode, message?: RegExp): Promise<string>;
  /** A fresh folder name for this test. */
  folder(stem: string): string;
  /** Number of library requests the sandbox received so far. */
  requestCount(): number;
  close(): Promise<void>;
}

let counter = 0;

export async function startLibraryWorld(): Promise<LibraryWorld> {
  const app = await bootTestApp();
  const sandboxDir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-lib-sandbox-'));
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'md-lib-out-'));
  const sandbox = await startSandbox({ dataDir: sandboxDir, faults: true, onError: (err) => console.error('[sandbox]', err) });
  const lib = sandbox.accounts.library;
  const created = await app.dispatch('accounts.create', {
    config: { kind: 'library', label: 'Test library', serverUrl: lib.serverUrl, domain: lib.domain, userId: lib.userId, appId: lib.appId },
    secret: lib.password,
  });
  if (!created.ok) throw new Error(created.error.message);
  const accountId = (created.value as { id: string }).id;
  const base = { serverUrl: lib.serverUrl, domain: lib.domain };
  const call = (async (method: MethodName, args: unknown) => app.dispatch(method, args)) as LibraryWorld['call'];
  const world: LibraryWorld = {
    app,
    sandbox,
    accountId,
    domain: lib.domain,
    demoUser: lib.userId,
    demoApp: lib.appId,
    otherUser: lib.otherUser.userId,
    otherApp: lib.otherUser.appId,
    other: new LibraryClient({ ...base, ...lib.otherUser }),
    demo: new LibraryClient({ ...base, userId: lib.userId, appId: lib.appId, password: lib.password }),
    demoViaOtherApp: new LibraryClient({ ...base, userId: lib.userId, appId: lib.otherUser.appId, password: lib.password }),
    otherViaDemoApp: new LibraryClient({ ...base, ...lib.otherUser, appId: lib.appId }),
    tmp,
    call,
    async ok(method, args) {
      const result = await call(method, args);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
      return result.value;
    },
    async fails(method, args, code, message) {
      const result = await app.dispatch(method, args);
      expect(result.ok, `${method} should have failed`).toBe(false);
      if (result.ok) return '';
      expect(result.error.code, result.error.message).toBe(code);
      if (message) expect(result.error.message).toMatch(message);
      return result.error.message;
    },
    folder: (stem) => `${stem}-${process.pid}-${++counter}`,
    requestCount: () => sandbox.requests.filter((r) => r.path.startsWith('/rest/1.0/media')).length,
    async close() {
      await app.cleanup();
      await sandbox.close();
      await fs.rm(sandboxDir, { recursive: true, force: true });
      await fs.rm(tmp, { recursive: true, force: true });
    },
  };
  return world;
}

/** Waits until the transfer has ended (done, failed or cancelled) and returns it. */
export async function waitForFinal(world: LibraryWorld, id: string, timeoutMs = 20_000): Promise<TransferItem> {
  const started = Date.now();
  for (;;) {
    const item = world.app.services.transfers.get(id);
    if (item && FINAL_STATES.includes(item.state)) return item;
    if (Date.now() - started > timeoutMs) throw new Error(`Transfer ${id} did not finish: ${JSON.stringify(item)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Starts a job (library.applyAcl, deleteFiles, deleteFolders), waits for it to end and returns it. */
export async function runJob<M extends 'library.applyAcl' | 'library.deleteFiles' | 'library.deleteFolders'>(world: LibraryWorld, method: M, args: MethodArgs<M>): Promise<TransferItem> {
  const job = (await world.ok(method, args)) as TransferItem;
  return waitForFinal(world, job.id);
}

/** A finished job's result per item, as [name, outcome or refusal code]. */
export function outcomes(job: TransferItem): Array<[string, string]> {
  return (job.result?.items ?? []).map((i) => [i.name, i.outcome === 'refused' ? (i.code ?? 'refused') : i.outcome]);
}

/** Waits until the transfer is in one of the states. */
export async function waitForState(world: LibraryWorld, id: string, states: TransferItem['state'][], timeoutMs = 10_000): Promise<TransferItem> {
  const started = Date.now();
  for (;;) {
    const item = world.app.services.transfers.get(id);
    if (item && states.includes(item.state)) return item;
    if (Date.now() - started > timeoutMs) throw new Error(`Transfer ${id} never reached ${states.join('/')}: ${JSON.stringify(item)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A demo-user folder holding copies of a demo JPEG, made directly on the sandbox (not through the app). */
export async function folderWithFiles(world: LibraryWorld, stem: string, names: string[]): Promise<string> {
  const folder = world.folder(stem);
  await world.demo.createFolder(folder);
  for (const name of names) await world.demo.uploadFile(folder, name, path.join(ASSETS, 'fractal.jpg'));
  return folder;
}

/** The raw path of a library resource on the sandbox, as its request log shows it. */
export function rawPath(world: LibraryWorld, ...segments: string[]): string {
  return `/rest/1.0/media/${[world.domain, ...segments].map(encodeURIComponent).join('/')}`;
}
