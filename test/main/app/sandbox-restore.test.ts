// Adding the sandbox accounts again (Settings): through the contract as the window calls it, on the real app with its
// embedded sandbox. Main makes only the kinds without a marked account, marks them itself, leaves the user's accounts
// alone whatever their names say, names its own so that no two accounts share a name (the command line's --account
// must find one), and keeps them across a restart.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../main/common/accounts';
import type { SandboxRestoreResult } from '../../../main/common/contract';
import { chooseAccount } from '../../../main/cli/accounts';
import { openAppData } from '../../../main/cli/app-data';
import { bootTestApp } from '../../helpers/app-harness';

type App = Awaited<ReturnType<typeof bootTestApp>>;
let dataDir: string;
beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-restore-'));
});
afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function call<T>(app: App, method: string, args: unknown): Promise<T> {
  const result = await app.dispatch(method, args);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

const list = (app: App) => call<AccountSummary[]>(app, 'accounts.list', {});
const byKind = (accounts: AccountSummary[], kind: AccountSummary['kind']) => accounts.filter((a) => a.kind === kind);
/** An account as stored, with its secret: what "untouched" compares. */
const stored = (app: App, account: AccountSummary) => ({ summary: account, config: app.services.accounts.config(account.id), secret: app.services.accounts.secret(account.id) });

/** Labels that would fool a restore that went by names, or a UI that rendered them. */
const HOSTILE = ['Sandbox Twilio', 'Sandbox media library ', '<img src=x onerror=alert(1)>Sandbox upload', 'Sandbox\u202Eupload', 'sandbox'];

describe('adding the sandbox accounts again', () => {
  it('makes only the removed kinds, marked by main, and leaves the user’s accounts as they were, even named like the sandbox’s', async () => {
    const app = await bootTestApp(dataDir, { sandbox: true });
    try {
      const first = await list(app);
      const generic = byKind(first, 'generic')[0]!;
      for (const account of first.filter((a) => a.kind !== 'generic')) await call(app, 'accounts.remove', { accountId: account.id });
      // The user's own: a Twilio account named exactly like the sandbox's, claiming the mark (the window's claim is
      // ignored), and library accounts with hostile names, one pointing at the sandbox's own address.
      const twilio = await call<AccountSummary>(app, 'accounts.create', {
        config: { kind: 'twilio', label: 'Sandbox Twilio', baseUrl: 'https://api.twilio.com', accountSid: `AC${'1'.repeat(32)}`, authMode: 'authToken', sandbox: true },
        secret: 'my-real-token',
      });
      const libraries: AccountSummary[] = [];
      for (const [i, label] of HOSTILE.entries()) {
        const serverUrl = i === 0 ? (app.sandbox?.baseUrl ?? '') : 'https://library.example.com';
        libraries.push(await call(app, 'accounts.create', { config: { kind: 'library', label, serverUrl, domain: 'example.com', userId: `u${i}`, appId: 'a' }, secret: `real-${i}` }));
      }
      const own = [twilio, ...libraries, generic].map((a) => stored(app, a));
      expect(twilio.sandbox).toBeUndefined();

      const result = await call<SandboxRestoreResult>(app, 'accounts.restoreSandbox', {});
      // The user's names are taken: the sandbox's own take the first number free.
      expect(result.added.map((a) => [a.kind, a.label, a.sandbox, a.secretSet])).toEqual([
        ['library', 'Sandbox media library 2', true, true],
        ['twilio', 'Sandbox Twilio 2', true, true],
      ]);
      expect(result.present).toEqual(['generic']);
      const after = await list(app);
      expect(after).toHaveLength(first.length + own.length - 1);
      // Every account of the user's is the same, down to its secret and its updatedAt.
      for (const before of own) expect(stored(app, after.find((a) => a.id === before.summary.id)!)).toEqual(before);
      const library = result.added.find((a) => a.kind === 'library')!;
      expect(library.kind === 'library' && library.serverUrl).toBe(app.sandbox?.baseUrl);
      expect(await call(app, 'accounts.test', { accountId: library.id })).toMatchObject({ ok: true });

      // Nothing is missing any more: a second request adds nothing.
      expect(await call(app, 'accounts.restoreSandbox', {})).toEqual({ added: [], present: ['generic', 'library', 'twilio'] });
      expect(await list(app)).toHaveLength(after.length);
    } finally {
      await app.close();
    }
  });

  it('names an account it adds so that no other has its name, by the rule the command line finds accounts by', async () => {
    const app = await bootTestApp(dataDir, { sandbox: true });
    try {
      for (const account of byKind(await list(app), 'twilio')) await call(app, 'accounts.remove', { accountId: account.id });
      // Taken: the sandbox's name in full-width letters and another case (as a Japanese input method types it), and
      // the first number after it.
      for (const label of ['ｓａｎｄｂｏｘ ＴＷＩＬＩＯ', 'Sandbox Twilio 2']) {
        await call(app, 'accounts.create', { config: { kind: 'twilio', label, baseUrl: 'https://api.twilio.com', accountSid: `AC${'2'.repeat(32)}`, authMode: 'authToken' }, secret: 'mine' });
      }
      const { added } = await call<SandboxRestoreResult>(app, 'accounts.restoreSandbox', {});
      expect(added.map((a) => a.label)).toEqual(['Sandbox Twilio 3']);
      const cli = await openAppData(dataDir, () => undefined);
      for (const name of ['Sandbox Twilio 3', 'sandbox twilio 3']) expect(chooseAccount(cli, name, 'twilio').id).toBe(added[0]!.id);
    } finally {
      await app.close();
    }
  });

  it('names the accounts it makes at the first start with the sandbox on after the user’s own, same-named, accounts', async () => {
    const off = await bootTestApp(dataDir);
    await call(off, 'accounts.create', { config: { kind: 'twilio', label: 'SANDBOX TWILIO', baseUrl: 'https://api.twilio.com', accountSid: `AC${'3'.repeat(32)}`, authMode: 'authToken' }, secret: 'mine' });
    await off.close();
    await fs.writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ sandboxEnabled: true }));
    const on = await bootTestApp(dataDir, { sandbox: true });
    try {
      expect((await list(on)).map((a) => [a.label, a.sandbox === true])).toEqual([
        ['SANDBOX TWILIO', false],
        ['Sandbox upload', true],
        ['Sandbox media library', true],
        ['Sandbox Twilio 2', true],
      ]);
    } finally {
      await on.close();
    }
  });

  it('takes a sandbox account the user moved to their own server for theirs: it stays, and the sandbox gets its own again', async () => {
    const app = await bootTestApp(dataDir, { sandbox: true });
    try {
      const library = byKind(await list(app), 'library')[0]!;
      if (library.kind !== 'library') throw new Error('no library account');
      const { id, secretSet: _s, createdAt: _c, updatedAt: _u, authSecretsSet: _a, ...config } = library as AccountSummary & { authSecretsSet?: unknown };
      const moved = await call<AccountSummary>(app, 'accounts.update', { accountId: id, config: { ...config, serverUrl: 'https://library.example.com' }, secret: 'mine' });
      expect(moved.sandbox).toBeUndefined();
      const before = stored(app, moved);
      const result = await call<SandboxRestoreResult>(app, 'accounts.restoreSandbox', {});
      expect(result.added.map((a) => a.kind)).toEqual(['library']);
      expect(stored(app, (await list(app)).find((a) => a.id === id)!)).toEqual(before);
    } finally {
      await app.close();
    }
  });

  it('keeps the accounts it added at the next start, pointed at the sandbox’s new port', async () => {
    const first = await bootTestApp(dataDir, { sandbox: true });
    for (const account of await list(first)) await call(first, 'accounts.remove', { accountId: account.id });
    // An app-state.json that no longer knows (lost, or an older version's): the restore itself records that the
    // accounts exist and where the sandbox is, so the next start neither makes a second set nor disowns this one.
    await fs.writeFile(path.join(dataDir, 'app-state.json'), '{}');
    const { added } = await call<SandboxRestoreResult>(first, 'accounts.restoreSandbox', {});
    await first.close();

    const second = await bootTestApp(dataDir, { sandbox: true });
    try {
      const accounts = await list(second);
      expect(accounts.map((a) => [a.id, a.sandbox])).toEqual(added.map((a) => [a.id, true]));
      const twilio = byKind(accounts, 'twilio')[0]!;
      expect(twilio.kind === 'twilio' && twilio.baseUrl).toBe(second.sandbox?.baseUrl);
      expect(await call(second, 'accounts.test', { accountId: twilio.id })).toMatchObject({ ok: true });
    } finally {
      await second.close();
    }
  });

  it('makes one of each kind when asked twice at once', async () => {
    const app = await bootTestApp(dataDir, { sandbox: true });
    try {
      for (const account of await list(app)) await call(app, 'accounts.remove', { accountId: account.id });
      const [a, b] = await Promise.all([call<SandboxRestoreResult>(app, 'accounts.restoreSandbox', {}), call<SandboxRestoreResult>(app, 'accounts.restoreSandbox', {})]);
      expect([a.added.length, b.added.length].sort()).toEqual([0, 3]);
      expect((await list(app)).map((x) => x.kind)).toEqual(['generic', 'library', 'twilio']);
    } finally {
      await app.close();
    }
  });

  it('refuses a request that carries anything (kinds, configurations, a mark): the window only names the action', async () => {
    const app = await bootTestApp(dataDir, { sandbox: true });
    try {
      for (const account of await list(app)) await call(app, 'accounts.remove', { accountId: account.id });
      const payloads = [
        { kinds: ['twilio'] },
        { config: { kind: 'library', label: 'x', serverUrl: 'https://evil.example', domain: 'd', userId: 'u', appId: 'a' }, sandbox: true },
        { accountId: 'acc_0123456789abcdef' },
        { __proto__: { sandbox: true }, origin: 'http://evil.example' },
      ];
      for (const payload of payloads) {
        const answer = await app.dispatch('accounts.restoreSandbox', payload);
        expect(answer, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'validation' } });
      }
      expect(await list(app)).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('says, in words, that the sandbox is not running and how to start it', async () => {
    const app = await bootTestApp(dataDir);
    try {
      const answer = await app.dispatch('accounts.restoreSandbox', {});
      expect(answer).toMatchObject({ ok: false, error: { code: 'conflict', phrase: { key: 'errors:sandbox.notRunningOff' } } });
      expect(!answer.ok && answer.error.message).toMatch(/^The built-in sandbox is not running, so its accounts cannot be added\. Turn on/);
      expect(await list(app)).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
