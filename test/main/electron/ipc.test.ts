import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IpcMain, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { IPC_GRANT_FILE, IPC_INVOKE } from '../../../main/common/channels';
import { FileStaging } from '../../../main/core/files/staging';
import { registerContractIpc, registerFileGrantIpc } from '../../../main/electron/ipc';

function setup() {
  let handler: ((event: unknown, method: unknown, args: unknown) => Promise<unknown>) | undefined;
  const ipcMain = { handle: vi.fn((channel: string, h: typeof handler) => (handler = h)) };
  const mainFrame = { url: 'app://media-desk/index.html', parent: null };
  const window = { mainFrame } as unknown as WebContents;
  const dispatch = vi.fn(async () => ({ ok: true as const, value: 'answer' }));
  registerContractIpc(ipcMain as unknown as IpcMain, dispatch, () => window);
  return { ipcMain, handler: handler!, mainFrame, dispatch };
}

describe('the contract over IPC', () => {
  it('registers one invoke channel', () => {
    const { ipcMain } = setup();
    expect(ipcMain.handle).toHaveBeenCalledTimes(1);
    expect(ipcMain.handle.mock.calls[0]?.[0]).toBe(IPC_INVOKE);
  });

  it('dispatches calls from the app window', async () => {
    const { handler, mainFrame, dispatch } = setup();
    expect(await handler({ senderFrame: mainFrame }, 'app.info', {})).toEqual({ ok: true, value: 'answer' });
    expect(dispatch).toHaveBeenCalledWith('app.info', {});
  });

  it('refuses calls from any other frame without dispatching them', async () => {
    const { handler, dispatch } = setup();
    const foreign = { url: 'https://attacker.example/', parent: null };
    expect(await handler({ senderFrame: foreign }, 'accounts.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handler({ senderFrame: null }, 'accounts.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dispatch).not.toHaveBeenCalled();
  });
});

describe('files the user dropped or picked (the preload channel)', () => {
  async function grantSetup() {
    let handler: ((event: unknown, file: unknown) => Promise<unknown>) | undefined;
    const ipcMain = { handle: vi.fn((_channel: string, h: typeof handler) => (handler = h)) };
    const mainFrame = { url: 'app://media-desk/index.html', parent: null };
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-ipc-grant-'));
    const staging = new FileStaging(dir);
    registerFileGrantIpc(ipcMain as unknown as IpcMain, staging, () => ({ mainFrame }) as unknown as WebContents);
    expect(ipcMain.handle.mock.calls[0]?.[0]).toBe(IPC_GRANT_FILE);
    const photo = path.join(dir, 'photo.jpg');
    await fs.writeFile(photo, 'bytes');
    return { handler: handler!, mainFrame, staging, dir, photo, cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
  }

  it('grants a regular file sent by the app window, and main resolves the id to it', async () => {
    const s = await grantSetup();
    const answer = (await s.handler({ senderFrame: s.mainFrame }, s.photo)) as { ok: true; value: { kind: 'granted'; id: string } };
    expect(answer).toMatchObject({ ok: true, value: { kind: 'granted' } });
    expect(await s.staging.resolve(answer.value)).toMatchObject({ name: 'photo.jpg', size: 5 });
    await s.cleanup();
  });

  it('refuses another frame, a value that is not a path, a folder and a device', async () => {
    const s = await grantSetup();
    expect(await s.handler({ senderFrame: { url: 'https://attacker.example/', parent: null } }, s.photo)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    for (const value of [42, '', 'relative.jpg', `${s.photo}\0x`, { path: s.photo }]) {
      expect(await s.handler({ senderFrame: s.mainFrame }, value)).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(await s.handler({ senderFrame: s.mainFrame }, s.dir)).toMatchObject({ ok: false, error: { code: 'unsupported_media' } });
    expect(await s.handler({ senderFrame: s.mainFrame }, '/dev/null')).toMatchObject({ ok: false, error: { code: 'unsupported_media' } });
    await s.cleanup();
  });
});
