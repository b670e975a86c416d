// The page's side of a staging (renderer/src/bridge/http-bridge.ts): the host's refusal is what the user reads,
// whatever its status; a request that never got an answer is said in the reader's words, not the browser's.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpBridge } from '../../../renderer/src/bridge/http-bridge';
import { UiError } from '../../../renderer/src/bridge/ui-error';

/** No events socket: these tests are about the upload alone. */
class QuietSocket {
  onopen: (() => void) | null = null;
  onmessage: (() => void) | null = null;
  onclose: (() => void) | null = null;
}

afterEach(() => vi.unstubAllGlobals());

async function stageWith(answer: () => Promise<Response>): Promise<unknown> {
  vi.stubGlobal('WebSocket', QuietSocket);
  vi.stubGlobal('fetch', vi.fn(answer));
  return createHttpBridge().fileRef(new File(['not a video'], 'notes.mp4')).then(() => undefined, (err: unknown) => err);
}

describe('staging a file through the browser host', () => {
  it.each([400, 413, 500])('shows the host’s own reason for a refusal answered %i (an error status, as a refusal before the body’s end must be)', async (status) => {
    const error = { code: 'io', message: 'Could not receive the file.', phrase: { key: 'errors:webhost.receiveFailed' } };
    const err = await stageWith(async () => new Response(JSON.stringify({ ok: false, error }), { status, headers: { 'content-type': 'application/json' } }));
    expect(err).toBeInstanceOf(UiError);
    expect((err as UiError).data).toEqual(error);
  });

  it.each([
    [413, 'common:bridge.fileTooLarge', 'The browser host did not take the file: it is larger than the host accepts.'],
    [507, 'common:bridge.hostDiskFull', 'The browser host could not keep the file: the disk of the computer it runs on is full.'],
    [502, 'common:bridge.fileRefused', 'The browser host did not take the file and gave no reason (HTTP 502). Try again; if it happens again, the activity log may say why.'],
  ])('says an answer %i that is not the host’s (no reason in it) in words, not as a bare status', async (status, key, words) => {
    const err = await stageWith(async () => new Response('<html>Bad gateway</html>', { status, headers: { 'content-type': 'text/html' } }));
    expect(err).toBeInstanceOf(UiError);
    expect((err as UiError).data).toMatchObject({ phrase: { key }, message: words });
  });

  it('says the host is not reachable when the request failed without an answer, not "Failed to fetch"', async () => {
    const err = await stageWith(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(err).toBeInstanceOf(UiError);
    expect((err as UiError).data).toMatchObject({ code: 'network', phrase: { key: 'common:bridge.unreachable' } });
  });
});

describe('a staging the page follows and may cancel', () => {
  /** The events socket the bridge opened: a test says what the host would send on it. */
  let opened: EventsSocket | undefined;
  class EventsSocket {
    onopen: (() => void) | null = null;
    onmessage: ((message: { data: string }) => void) | null = null;
    onclose: (() => void) | null = null;
    constructor() {
      // eslint-disable-next-line @typescript-eslint/no-this-alias -- the socket the bridge made is the one the test speaks on
      opened = this;
    }
  }
  const staged = { kind: 'staged', id: 'stg_0123456789abcdef01234567' } as const;

  it('hears the host’s count for its own staging only, under the id it put in the request', async () => {
    vi.stubGlobal('WebSocket', EventsSocket);
    let answer: (res: Response) => void = () => undefined;
    const fetching = vi.fn((_url: string) => new Promise<Response>((resolve) => (answer = resolve)));
    vi.stubGlobal('fetch', fetching);
    const heard: number[] = [];
    const staging = createHttpBridge().fileRef(new File(['abc'], 'clip.mp4'), { onProgress: (n) => heard.push(n) });
    await vi.waitFor(() => expect(fetching).toHaveBeenCalled());
    const stageId = new URL(String(fetching.mock.calls[0]?.[0]), 'http://host').searchParams.get('stage') ?? '';
    expect(stageId).toMatch(/^sp_[a-f0-9]{24}$/);
    const say = (payload: unknown) => opened?.onmessage?.({ data: JSON.stringify({ event: 'staging.progress', payload }) });
    say({ stageId, received: 1 });
    say({ stageId: 'sp_ffffffffffffffffffffffff', received: 99 });
    say({ stageId, received: 3 });
    answer(new Response(JSON.stringify({ ok: true, value: staged })));
    await expect(staging).resolves.toEqual(staged);
    // After its answer, nothing more is heard.
    say({ stageId, received: 5 });
    expect(heard).toEqual([1, 3]);
  });

  it('rejects a cancelled staging as cancelled (not as the host being unreachable)', async () => {
    vi.stubGlobal('WebSocket', EventsSocket);
    vi.stubGlobal('fetch', vi.fn((_url: string, init: RequestInit) => new Promise<Response>((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))));
    const controller = new AbortController();
    const staging = createHttpBridge().fileRef(new File(['abc'], 'clip.mp4'), { signal: controller.signal }).then(() => null, (err: unknown) => err);
    controller.abort();
    const err = await staging;
    expect(err).toBeInstanceOf(DOMException);
    expect((err as DOMException).name).toBe('AbortError');
  });

  it('gives back a copy the host answered for just as the page cancelled', async () => {
    vi.stubGlobal('WebSocket', EventsSocket);
    const controller = new AbortController();
    const calls: Array<{ url: string; body: unknown }> = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, body: typeof init.body === 'string' ? JSON.parse(init.body) : null });
      if (url.startsWith('/api/stage')) controller.abort();
      return new Response(JSON.stringify({ ok: true, value: url.startsWith('/api/stage') ? staged : null }));
    }));
    const err = await createHttpBridge().fileRef(new File(['abc'], 'clip.mp4'), { signal: controller.signal }).then(() => null, (e: unknown) => e);
    expect((err as DOMException).name).toBe('AbortError');
    await vi.waitFor(() => expect(calls.find((c) => c.url === '/api/invoke')?.body).toEqual({ method: 'files.release', args: { files: [staged] } }));
  });
});
