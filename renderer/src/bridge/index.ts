// The contract as the UI sees it: the preload's global in Electron, the HTTP bridge in the browser host.
import type { MediaDeskBridge, MethodArgs, MethodName, MethodResult } from '../../../main/common/contract';
import { errorText, i18n } from '../i18n';
import { ALWAYS_CONNECTED, type HostConnection } from './host-connection';
import { createHttpBridge } from './http-bridge';
import { UiError } from './ui-error';

export { UiError };

declare global {
  interface Window {
    mediaDesk?: MediaDeskBridge;
  }
}

function chooseBridge(): { bridge: MediaDeskBridge; connection: HostConnection } {
  if (window.mediaDesk) return { bridge: window.mediaDesk, connection: ALWAYS_CONNECTED };
  const http = createHttpBridge();
  return { bridge: http, connection: http.connection };
}

const chosen = chooseBridge();
export const bridge: MediaDeskBridge = chosen.bridge;
/** Whether main can be reached: always in Electron; in the browser host, while its events stream is up. */
export const hostConnection: HostConnection = chosen.connection;
export type { HostConnection, HostState } from './host-connection';

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
