// A refusal a retry would meet again (413: the file is too large) ends the job for good: no retry, its kept copy
// removed, the reason saved with it; the refusals that may pass another time (400, 401, 402, 415, 422, 429, 5xx)
// keep their copy and their retry. Through the real queue and its file, with the errors the providers make.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../../main/common/errors';
import { phrase } from '../../../../main/common/i18n/phrase';
import { canRetry } from '../../../../main/common/transfers';
import { refusal } from '../../../../main/providers/generic/response';
import { TransferQueue } from '../../../../main/core/transfers/transfer-queue';

let dir: string;
const queues: TransferQueue[] = [];
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-final-'));
});
afterEach(async () => {
  for (const queue of queues.splice(0)) await queue.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

function makeQueue(): TransferQueue {
  const queue = new TransferQueue({ dataDir: dir, concurrency: 4, progressIntervalMs: 5, saveIntervalMs: 5 });
  // Each job fails as the generic client fails on the status its params name (the provider's own refusal).
  queue.registerRunner('refused', ({ params }) => {
    const { status } = params as { status: number };
    throw refusal({ format: 'json', message: `said ${status}` }, { status, server: 'media.example' }, 'upload');
  });
  queues.push(queue);
  return queue;
}

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};
const exists = (file: string) => fs.access(file).then(() => true, () => false);

async function failedWith(queue: TransferQueue, status: number) {
  const file = path.join(dir, `staged-${status}`);
  await fs.writeFile(file, 'x');
  const item = queue.enqueue({ type: 'refused', params: { status }, ownedFiles: [file] }, { accountId: 'acc_00000001', direction: 'upload', title: `f${status}.mp4`, detail: 'd', bytesTotal: 1 });
  await waitFor(() => queue.get(item.id)?.state === 'failed');
  return { id: item.id, file };
}

describe('a refusal a retry cannot pass', () => {
  it('413 ends the job for good: no retry offered or run, its copy removed, the reason kept after a restart', async () => {
    const queue = makeQueue();
    const { id, file } = await failedWith(queue, 413);
    const failed = queue.get(id)!;
    expect(failed.error).toMatchObject({ code: 'too_large', details: { status: 413 } });
    expect(failed.error?.message).toContain('said 413');
    expect(failed.retryRefused).toEqual(phrase('errors:queue.finalRefusal'));
    expect(canRetry(failed, () => true)).toBe(false);
    // The row shows failed a moment before the copy is gone: wait (a bounded time) for the deletion itself.
    await vi.waitFor(async () => expect(await exists(file)).toBe(false), { timeout: 2000, interval: 10 });
    expect(queue.ownedFiles()).toEqual([]);

    // Asked by its id all the same (a window that still showed Retry): it stays as it was, with the server's words.
    expect(queue.retry([id])).toEqual([]);
    expect(queue.retry()).toEqual([]);
    expect(queue.get(id)).toEqual(failed);

    await queue.flush();
    const after = makeQueue();
    await after.load();
    expect(after.get(id)).toMatchObject({ state: 'failed', error: failed.error, retryRefused: failed.retryRefused });
  });

  it.each([400, 401, 402, 415, 422, 429, 500, 503])('%i keeps its copy and its retry', async (status) => {
    const queue = makeQueue();
    const { id, file } = await failedWith(queue, status);
    const failed = queue.get(id)!;
    expect(failed.error?.details?.status).toBe(status);
    expect(failed.retryRefused).toBeUndefined();
    expect(canRetry(failed, () => true)).toBe(true);
    expect(await exists(file)).toBe(true);
    expect(queue.retry([id]).map((i) => i.id)).toEqual([id]);
  });

  it('an answer too large to read (status 200) is not the server refusing the file', async () => {
    const queue = makeQueue();
    queue.registerRunner('big-answer', () => Promise.reject(new AppError('too_large', phrase('errors:http.answerTooLarge', { host: 'h', limit: 1 }), { status: 200 })));
    const item = queue.enqueue({ type: 'big-answer', params: {} }, { accountId: 'acc_00000001', direction: 'download', title: 't', detail: 'd', bytesTotal: 1 });
    await waitFor(() => queue.get(item.id)?.state === 'failed');
    expect(queue.get(item.id)?.retryRefused).toBeUndefined();
  });
});
