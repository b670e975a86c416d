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
