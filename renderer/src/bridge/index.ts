// The contract as the UI sees it: the preload's global in Electron, the HTTP bridge in the browser host.
import type { MediaDeskBridge, MethodArgs, MethodName, MethodResult } from '../../../main/common/contract';
import type { AppErrorData } from '../../../main/common/errors';
import { errorText, i18n } from '../i18n';
import { createHttpBridge } from './http-bridge';

declare global {
  interface Window {
    mediaDesk?: MediaDeskBridge;
  }
}

export const bridge: MediaDeskBridge = window.mediaDesk ?? createHttpBridge();

/** A contract error, thrown in the UI so that async handlers can catch it with its code and message. */
export class UiError extends Error {
  readonly code: AppErrorData['code'];
  readonly details: AppErrorData['details'];
  readonly data: AppErrorData;
  constructor(data: AppErrorData) {
    super(data.message);
    this.code = data.code;
    this.details = data.details;
    this.data = data;
  }
}

export async function call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> {
  const result = await bridge.invoke(method, args);
  if (!result.ok) throw new UiError(result.error);
  return result.value;
}

/** What went wrong, in the reader's language: main's phrase when main sent one. */
export function messageOf(err: unknown): string {
  if (err instanceof UiError) return errorText(err.data);
  return err instanceof Error ? err.message : i18n.t('common:error.unknown');
}
