// The browser host's side of the contract: the same calls over HTTP, the same events over a WebSocket. The
// session cookie (HttpOnly, SameSite=Strict), for which the host traded the printed URL's one-time token, goes
// with every request; this code never sees it.
import type { EventMap, EventName, FileRef, FileRefOptions, InvokeResult, MediaDeskBridge } from '../../../main/common/contract';
import { connectionState, type HostConnection, type HostState } from './host-connection';
import { UiError, windowError } from './ui-error';

type AnyListener = (payload: unknown) => void;

const SIGNED_OUT = windowError('network', 'common:bridge.signedOut');

function networkFailure(error: ReturnType<typeof windowError>): InvokeResult<never> {
  return { ok: false, error };
}

/** The first retry comes soon (a host restarting on its port is back in a second); then less and less often. */
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 4_000;
/** A stream that stayed open this long and dropped is tried again at once, not after a delay. */
const STEADY_MS = 1_000;

/**
 * What answers at the page's own address, asked when the events stream could not open: nothing (the host
 * stopped), 401 (a host is there, but this page's session died with the one it came from), or an answer.
 */
async function probeHost(): Promise<HostState | 'answers'> {
  try {
    const res = await fetch('/', { method: 'HEAD', cache: 'no-store', credentials: 'same-origin' });
    return res.status === 401 ? 'signed-out' : 'answers';
  } catch {
    return 'gone';
  }
}

export type HttpBridge = MediaDeskBridge & { connection: HostConnection };

export function createHttpBridge(): HttpBridge {
  const listeners = new Map<string, Set<AnyListener>>();
  let socket: WebSocket | undefined;
  let retryDelay = FIRST_RETRY_MS;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const connect = (): void => {
    clearTimeout(retry);
    retry = undefined;
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/events`);
    socket = ws;
    let openedAt: number | undefined;
    ws.onopen = () => {
      openedAt = Date.now();
      retryDelay = FIRST_RETRY_MS;
      connection.opened();
    };
    ws.onmessage = (message) => {
      try {
        const { event, payload } = JSON.parse(String(message.data)) as { event: string; payload: unknown };
        for (const listener of listeners.get(event) ?? []) listener(payload);
      } catch {
        // A frame we cannot read is dropped; the next state refresh corrects the view.
      }
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      // A stream that ran and dropped is tried again at once: a host that is still there takes it, and the page
      // says nothing. One that could not open asks the address why, and says so.
      if (openedAt !== undefined && Date.now() - openedAt >= STEADY_MS) return connect();
      void probeHost().then((found) => {
        // A newer attempt (checkNow) has started meanwhile: its own outcome says the state.
        if (socket !== undefined) return;
        if (found !== 'answers') connection.set(found);
        if (retry === undefined) {
          retry = setTimeout(connect, retryDelay);
          retryDelay = Math.min(retryDelay * 2, MAX_RETRY_MS);
        }
      });
    };
  };
  const connection = connectionState(() => {
    if (socket === undefined) connect();
  });
  connect();
  // Back to the tab (after opening the host's new address in another one, say): no reason to wait for the backoff.
  window.addEventListener('focus', connection.checkNow);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && connection.checkNow());

  const bridge: HttpBridge = {
    connection,
    async invoke(method, args) {
      try {
        const res = await fetch('/api/invoke', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ method, args }),
        });
        if (res.status === 401) return networkFailure(SIGNED_OUT);
        return (await res.json()) as never;
      } catch {
        return networkFailure(windowError('network', 'common:bridge.unreachable'));
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) {
      const set = listeners.get(event) ?? new Set<AnyListener>();
      set.add(listener as AnyListener);
      listeners.set(event, set);
      return () => set.delete(listener as AnyListener);
    },
    async fileRef(file: File, options: FileRefOptions = {}): Promise<FileRef> {
      const { signal, onProgress } = options;
      // As a form: Chromium then reads a picked file itself in its network process, at about half the CPU of the
      // same File sent as a plain body (main/webhost/stage-form.ts). Chromium's fetch says nothing of an upload's
      // progress, and XHR's upload events cost speed: the host says how much it has written, over the events stream.
      const form = new FormData();
      form.append('file', file, file.name);
      const stageId = onProgress ? newStageId() : undefined;
      const unlisten = stageId && onProgress ? bridge.on('staging.progress', (p) => p.stageId === stageId && onProgress(p.received)) : undefined;
      let ref: FileRef;
      try {
        let res: Response;
        try {
          const query = `name=${encodeURIComponent(file.name)}${stageId ? `&stage=${stageId}` : ''}`;
          res = await fetch(`/api/stage?${query}`, { method: 'POST', credentials: 'same-origin', body: form, ...(signal ? { signal } : {}) });
        } catch {
          if (signal?.aborted) throw abortReason(signal);
          // Said in the reader's words rather than the browser's "Failed to fetch". The host's refusals arrive as
          // answers even when it stops reading the file early (main/webhost/replies.ts, refusalHeaders).
          throw new UiError(windowError('network', 'common:bridge.unreachable'));
        }
        try {
          ref = await answerOf<FileRef>(res);
        } catch (err) {
          if (signal?.aborted) throw abortReason(signal);
          throw err;
        }
      } finally {
        unlisten?.();
      }
      if (signal?.aborted) {
        // Cancelled as the answer came: the host keeps a copy nobody will use unless told.
        void bridge.invoke('files.release', { files: [ref] });
        throw abortReason(signal);
      }
      return ref;
    },
  };
  return bridge;
}

/** A fresh id for one staging's progress events (main/common/files.ts, STAGE_PROGRESS_ID). */
function newStageId(): string {
  return `sp_${Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** What abort() was given: an AbortError DOMException unless the caller gave another reason. */
function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error(String(reason));
}

function refusalOf(status: number) {
  if (status === 401) return SIGNED_OUT;
  if (status === 413) return windowError('too_large', 'common:bridge.fileTooLarge');
  if (status === 507) return windowError('io', 'common:bridge.hostDiskFull');
  return windowError('remote', 'common:bridge.fileRefused', { status });
}

async function answerOf<T>(res: Response): Promise<T> {
  let result: InvokeResult<T>;
  try {
    result = (await res.json()) as InvokeResult<T>;
  } catch {
    // An answer that is not the host's (a proxy's, or a host that could not say more): its status in words.
    throw new UiError(refusalOf(res.status));
  }
  if (!result.ok) throw new UiError(result.error);
  return result.value;
}
