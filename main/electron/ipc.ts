// The contract over Electron IPC: one invoke channel, one event channel; every message's sender is checked
// before the dispatcher (which validates the arguments) sees it.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_INVOKE } from '../common/channels.js';
import type { InvokeResult } from '../common/contract.js';
import { AppError } from '../common/errors.js';
import type { Dispatcher } from '../app/dispatch.js';
import { isTrustedSender } from './security.js';

export function registerContractIpc(ipcMain: IpcMain, dispatch: Dispatcher, window: () => WebContents | undefined): void {
  ipcMain.handle(IPC_INVOKE, (event: IpcMainInvokeEvent, method: unknown, args: unknown): Promise<InvokeResult<unknown>> => {
    if (!isTrustedSender(event.senderFrame, window())) {
      return Promise.resolve({ ok: false, error: new AppError('forbidden', 'Refused: the request did not come from the app window.').toData() });
    }
    return dispatch(method, args);
  });
}
