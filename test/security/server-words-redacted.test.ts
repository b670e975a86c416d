// A server may quote a secret back in its answer (an echo of the request, a debug page). Whatever main keeps or
// sends of a finished job (transfers.json, the queue's change events) must not carry it: not in the error, not in a
// reference send's result, not in any item's result of a job over many items, English words and phrase values alike.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../main/common/errors';
import { phrase } from '../../main/common/i18n/phrase';
import type { TransferItem } from '../../main/common/transfers';
import { createRedactor } from '../../main/core/log/redact';
import { TransferQueue } from '../../main/core/transfers/transfer-queue';

const SECRET = 'tok-9f8e7d6c5b4a-Zq';
const hostile = `403 Forbidden: token ${SECRET} is not allowed here {{token}} $t(errors:generic.internal)`;
let dir: string;
let queue: TransferQueue;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-words-'));
  queue = new TransferQueue({ dataDir: dir, concurrency: 2, progressIntervalMs: 5, saveIntervalMs: 5, redact: createRedactor(() => [SECRET]) });
});
afterEach(async () => {
  await queue.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

async function finished(id: string): Promise<TransferItem> {
  for (let i = 0; i < 400; i++) {
    const item = queue.list().find((entry) => entry.id === id);
    if (item && ['done', 'failed', 'cancelled'].includes(item.state)) return item;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the job did not finish');
}

const newTransfer = { accountId: 'acc_00000001', direction: 'upload' as const, title: 'job', detail: 'items', bytesTotal: null };

describe("a server's words that quote a secret", () => {
  it('are redacted in every item result of a job over many items, in the events and in transfers.json', async () => {
    const seen: string[] = [];
    queue.onChange((changed) => seen.push(JSON.stringify(changed)));
    queue.registerRunner('many', () =>
      Promise.resolve({
        items: [
          { name: 'a.jpg', outcome: 'refused' as const, message: hostile, phrase: phrase('errors:generic.internal', { reason: hostile, nested: phrase('errors:generic.internal', { why: hostile }) }), code: 'forbidden' as const },
          { name: 'b.jpg', outcome: 'ok' as const },
        ],
        references: [{ recipient: '+15551230001', ok: false, message: hostile, phrase: phrase('errors:generic.internal', { reason: hostile }) }],
      }),
    );
    const item = await finished(queue.enqueue({ type: 'many', params: {} }, newTransfer).id);
    await queue.flush();
    const kept = await fs.readFile(path.join(dir, 'transfers.json'), 'utf8');
    for (const [where, text] of [['item', JSON.stringify(item)], ['events', seen.join('\n')], ['transfers.json', kept]] as const) {
      expect(text, where).not.toContain(SECRET);
    }
    // Redacted, not dropped: the rest of the server's words still say what went wrong.
    expect(item.result?.items?.[0]?.message).toContain('403 Forbidden');
    expect(JSON.stringify(item.result?.items?.[0]?.phrase)).toContain('403 Forbidden');
  });

  it('are redacted in the error of a failed job, phrase values nested or not', async () => {
    queue.registerRunner('fails', () => Promise.reject(new AppError('forbidden', phrase('errors:generic.internal', { reason: hostile, inner: phrase('errors:generic.internal', { why: hostile }) }))));
    const item = await finished(queue.enqueue({ type: 'fails', params: {} }, newTransfer).id);
    await queue.flush();
    expect(JSON.stringify(item)).not.toContain(SECRET);
    expect(await fs.readFile(path.join(dir, 'transfers.json'), 'utf8')).not.toContain(SECRET);
  });
});
