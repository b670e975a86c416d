import type { IpcMain, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE } from '../../../main/common/channels';
import { registerContractIpc } from '../../../main/electron/ipc';

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
