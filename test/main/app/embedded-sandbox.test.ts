// The app with its embedded sandbox: three working default accounts, refreshed at each start, and a real upload
// through the contract, the transfer queue and the generic client.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../main/common/accounts';
import type { TransferItem } from '../../../main/common/transfers';
import { bootTestApp } from '../../helpers/app-harness';
import { makeJpeg, PNG_BYTES } from '../core/media/media-fixtures';

let dataDir: string;
beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-embedded-'));
});
afterAll(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function call<T>(app: Awaited<ReturnType<typeof bootTestApp>>, method: string, args: unknown): Promise<T> {
  const result = await app.dispatch(method, args);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

describe('the embedded sandbox', () => {
  it('gives a first start three working sandbox accounts, one of each kind', async () => {
    const app = await bootTestApp(dataDir, { sandbox: true });
    try {
      const accounts = await call<AccountSummary[]>(app, 'accounts.list', {});
      expect(accounts.map((a) => [a.kind, a.sandbox, a.secretSet])).toEqual([
        ['generic', true, true],
        ['library', true, true],
        ['twilio', true, true],
      ]);
      const info = await call<{ sandboxUrl: string }>(app, 'app.info', {});
      expect(info.sandboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      for (const account of accounts.filter((a) => a.kind !== 'generic')) {
        expect(await call(app, 'accounts.test', { accountId: account.id })).toMatchObject({ ok: true });
      }
      // With a wrong secret the test says so, in the server's terms, without saving anything.
      for (const account of accounts.filter((a) => a.kind !== 'generic')) {
        const { id, secretSet: _s, createdAt: _c, updatedAt: _u, ...config } = account;
        const right = app.services.accounts.secret(id);
        await call(app, 'accounts.update', { accountId: id, config, secret: 'wrong-secret-0000' });
        const result = await call<{ ok: boolean; message: string }>(app, 'accounts.test', { accountId: id });
        expect(result.ok).toBe(false);
        expect(result.message).toMatch(/credential|password|token|401|authenticat/i);
        await call(app, 'accounts.update', { accountId: id, config, secret: right });
      }
    } finally {
      await app.close();
    }
  });

  it('uploads a JPEG through the queue to the sandbox and refuses a PNG named .jpg before sending', async () => {
    const app = await bootTestApp(dataDir, { sandbox: true });
    try {
      const [generic] = (await call<AccountSummary[]>(app, 'accounts.list', {})).filter((a) => a.kind === 'generic');
      const photo = path.join(dataDir, 'photo.jpg');
      const fake = path.join(dataDir, 'fake.jpg');
      await fs.writeFile(photo, makeJpeg(64, 48));
      await fs.writeFile(fake, PNG_BYTES);
      const checked = await call<Array<{ contentType?: string; error?: { message: string } }>>(app, 'generic.checkFiles', {
        files: [await app.grantFile(photo), await app.grantFile(fake)],
      });
      expect(checked[0]?.contentType).toBe('image/jpeg');
      expect(checked[1]?.error?.message).toBe('"fake.jpg" is a PNG image, not a JPEG.');

      const [queued] = await call<TransferItem[]>(app, 'generic.upload', {
        accountId: generic?.id,
        files: [await app.grantFile(photo)],
        recipients: ['+15550001111'],
        description: 'Grüße',
      });
      let item: TransferItem | undefined;
      for (let i = 0; i < 200; i++) {
        item = (await call<{ items: TransferItem[] }>(app, 'transfers.list', {})).items.find((t) => t.id === queued?.id);
        if (item && ['done', 'failed'].includes(item.state)) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(item?.error).toBeUndefined();
      expect(item?.state).toBe('done');
      const mediaUrl = item?.result?.mediaUrl ?? '';
      expect(mediaUrl.startsWith(app.sandbox?.baseUrl ?? 'none')).toBe(true);
      const served = Buffer.from(await (await fetch(mediaUrl)).arrayBuffer());
      expect(served.equals(await fs.readFile(photo))).toBe(true);
      expect(item?.result?.references).toEqual([{ recipient: '+15550001111', ok: true }]);

      // The activity log has the requests, and none of the account's password.
      const log = await call<Array<{ scope: string; message: string }>>(app, 'log.list', {});
      const http = log.filter((e) => e.scope === 'http').map((e) => e.message);
      expect(http).toContainEqual(expect.stringMatching(/^POST http:\/\/127\.0\.0\.1:\d+\/generic\/upload → 200 \(\d+ ms\)$/));
      const password = app.services.accounts.secret(generic?.id ?? '') ?? 'none';
      expect(JSON.stringify(log)).not.toContain(password);
    } finally {
      await app.close();
    }
  });

  it('points the same accounts at the new port after a restart, and does not bring back a removed one', async () => {
    const first = await bootTestApp(dataDir, { sandbox: true });
    const before = await call<AccountSummary[]>(first, 'accounts.list', {});
    const twilio = before.find((a) => a.kind === 'twilio');
    await call(first, 'accounts.remove', { accountId: twilio?.id });
    await first.close();

    const second = await bootTestApp(dataDir, { sandbox: true });
    try {
      const after = await call<AccountSummary[]>(second, 'accounts.list', {});
      expect(after.map((a) => a.id)).toEqual(before.filter((a) => a.kind !== 'twilio').map((a) => a.id));
      const library = after.find((a) => a.kind === 'library');
      expect(library?.kind === 'library' && library.serverUrl).toBe(second.sandbox?.baseUrl);
      expect(await call(second, 'accounts.test', { accountId: library?.id })).toMatchObject({ ok: true });
    } finally {
      await second.close();
    }
  });
});

describe('the sandbox mark across restarts', () => {
  const real = { kind: 'library', label: 'Production', serverUrl: 'https://library.corp.example', domain: 'corp', userId: 'admin', appId: 'desk' } as const;
  const fresh = () => fs.mkdtemp(path.join(os.tmpdir(), 'md-mark-'));
  const configOf = (app: Awaited<ReturnType<typeof bootTestApp>>, id: string) => app.services.accounts.config(id);

  it('a real account the window marks keeps its server and password after a restart', async () => {
    const dir = await fresh();
    const first = await bootTestApp(dir, { sandbox: true });
    const created = await call<AccountSummary>(first, 'accounts.create', { config: { ...real, sandbox: true }, secret: 'REAL-PASSWORD' });
    expect(created.sandbox).toBeUndefined();
    const marked = await call<AccountSummary>(first, 'accounts.update', { accountId: created.id, config: { ...real, sandbox: true } });
    expect(marked.sandbox).toBeUndefined();
    await first.close();
    const second = await bootTestApp(dir, { sandbox: true });
    try {
      expect(configOf(second, created.id)).toEqual(real);
      expect(second.services.accounts.secret(created.id)).toBe('REAL-PASSWORD');
    } finally {
      await second.cleanup();
    }
  });

  it('a sandbox account the user points at a real server keeps the edit after a restart', async () => {
    const dir = await fresh();
    const first = await bootTestApp(dir, { sandbox: true });
    const sandboxLibrary = (await call<AccountSummary[]>(first, 'accounts.list', {})).find((a) => a.kind === 'library' && a.sandbox);
    if (!sandboxLibrary) throw new Error('no sandbox library account');
    const { id, secretSet: _s, createdAt: _c, updatedAt: _u, ...config } = sandboxLibrary;
    // As the form sent it before: the summary's mark along with the user's new server.
    const edited = { ...config, serverUrl: real.serverUrl, domain: real.domain, userId: real.userId };
    expect((await call<AccountSummary>(first, 'accounts.update', { accountId: id, config: edited, secret: 'USER-PASSWORD' })).sandbox).toBeUndefined();
    await first.close();
    const second = await bootTestApp(dir, { sandbox: true });
    try {
      expect(configOf(second, id)).toMatchObject({ serverUrl: real.serverUrl, domain: real.domain, userId: real.userId });
      expect(second.services.accounts.get(id).sandbox).toBeUndefined();
      expect(second.services.accounts.secret(id)).toBe('USER-PASSWORD');
    } finally {
      await second.cleanup();
    }
  });

  it('follows the sandbox to its new port, and unmarks a real account an older version let the window mark', async () => {
    const dir = await fresh();
    const first = await bootTestApp(dir, { sandbox: true });
    const created = await call<AccountSummary>(first, 'accounts.create', { config: real, secret: 'REAL-PASSWORD' });
    await first.close();
    // The folder as the version before this one left it: the mark on a real account, no sandbox origins kept.
    const accountsFile = path.join(dir, 'accounts.json');
    const stored = JSON.parse(await fs.readFile(accountsFile, 'utf8')) as { accounts: Array<{ id: string; config: Record<string, unknown> }> };
    for (const account of stored.accounts) if (account.id === created.id) account.config.sandbox = true;
    await fs.writeFile(accountsFile, JSON.stringify(stored));
    await fs.writeFile(path.join(dir, 'app-state.json'), JSON.stringify({ sandboxAccountsCreated: true }));

    for (const start of ['legacy', 'recorded']) {
      const app = await bootTestApp(dir, { sandbox: true });
      try {
        const baseUrl = app.sandbox?.baseUrl ?? 'none';
        const library = app.services.accounts.list().find((a) => a.kind === 'library' && a.sandbox);
        expect(library?.kind === 'library' && library.serverUrl, start).toBe(baseUrl);
        expect(app.services.accounts.secret(library?.id ?? ''), start).toBe(app.sandbox?.accounts.library.password);
        expect(app.services.accounts.list().filter((a) => a.sandbox).map((a) => a.kind), start).toEqual(['generic', 'library', 'twilio']);
        expect(configOf(app, created.id), start).toEqual(real);
        expect(app.services.accounts.secret(created.id), start).toBe('REAL-PASSWORD');
      } finally {
        await app.close();
      }
    }
    await fs.rm(dir, { recursive: true, force: true });
  });
});
