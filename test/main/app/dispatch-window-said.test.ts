// The dispatcher tells the redactor every call's strings, so the window's own words come back as it wrote them;
// a server's echo of a stored secret, in the same line, error or transfer, is still hidden. A stand-in handler plays
// a server-talking one: it quotes the window's folder name and the server's answer, which quotes the secret.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../main/common/contract';
import { AppError } from '../../../main/common/errors';
import { phrase } from '../../../main/common/i18n/phrase';
import { createDispatcher, type Handlers } from '../../../main/app/dispatch';
import { ActivityLog } from '../../../main/core/log/activity-log';
import { createRedactor } from '../../../main/core/log/redact';
import { TransferQueue } from '../../../main/core/transfers/transfer-queue';

const SECRET = 'hunter-7351';
const ECHO = `the server said: bad password ${SECRET}`;

let dir: string;
let queue: TransferQueue;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-window-said-'));
});
afterEach(async () => {
  await queue.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

function setUp() {
  const redact = createRedactor(() => [SECRET]);
  const log = new ActivityLog({ dataDir: dir, redact });
  queue = new TransferQueue({ dataDir: dir, concurrency: 1, progressIntervalMs: 5, saveIntervalMs: 5, redact });
  queue.registerRunner('echo', async () => {
    throw new AppError('forbidden', `Could not fill "${folderOf()}": ${ECHO}`);
  });
  let folder = '';
  const folderOf = () => folder;
  const handlers = Object.fromEntries(METHOD_NAMES.map((m) => [m, () => undefined])) as unknown as Handlers;
  handlers['library.createFolder'] = ({ folder: named }) => {
    folder = named;
    log.info('library', `Created folder "${named}"; ${ECHO}`);
    queue.enqueue({ type: 'echo', params: {} }, { accountId: 'acc_00000001', direction: 'job', title: named, detail: named, bytesTotal: null });
    throw new AppError('forbidden', phrase('errors:library.toldSaid', { sentence: named, said: ECHO }));
  };
  handlers['settings.setProxyPassword'] = () => {
    log.info('settings', `Proxy password saved; ${ECHO}`);
    return { passwordSaved: true };
  };
  return { log, dispatch: createDispatcher(handlers, log, redact) };
}

async function failedJob(): Promise<string> {
  for (;;) {
    const item = queue.list()[0];
    if (item?.state === 'failed') return item.error?.message ?? '';
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("a server's echo of a secret beside the window's words", () => {
  it('is hidden in the log line, the error and the transfer, where the window text is left', async () => {
    const { log, dispatch } = setUp();
    const folder = `box ${SECRET}`;
    const answer = await dispatch('library.createFolder', { accountId: 'acc_00000001', folder });
    const hidden = 'the server said: bad password [redacted]';
    expect(log.list(1)[0]?.message).toBe(`Created folder "${folder}"; ${hidden}`);
    expect(answer.ok ? undefined : answer.error.phrase?.values).toEqual({ sentence: folder, said: hidden });
    expect(await failedJob()).toBe(`Could not fill "${folder}": ${hidden}`);
  });

  it('is hidden when the window typed the secret itself, in a field for one', async () => {
    const { log, dispatch } = setUp();
    await dispatch('settings.setProxyPassword', { password: SECRET });
    expect(log.list(1)[0]?.message).toBe('Proxy password saved; the server said: bad password [redacted]');
  });
});
