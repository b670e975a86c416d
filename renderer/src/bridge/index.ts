// The contract as the UI sees it: the preload's global in Electron, the HTTP bridge in the browser host.
import type { MediaDeskBridge, MethodArgs, MethodName, MethodResult } from '../../../main/common/contract';
import { errorText, i18n } from '../i18n';
import { createHttpBridge } from './http-bridge';
import { UiError } from './ui-error';

export { UiError };

declare global {
  interface Window {
    mediaDesk?: MediaDeskBridge;
  }
}

export const bridge: MediaDeskBridge = window.mediaDesk ?? createHttpBridge();

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
