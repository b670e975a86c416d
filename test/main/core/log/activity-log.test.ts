import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ActivityLog } from '../../../../main/core/log/activity-log';
import { createRedactor } from '../../../../main/core/log/redact';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-log-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('the activity log', () => {
  it('writes redacted JSON lines and tells listeners', async () => {
    const log = new ActivityLog({ dataDir: dir, redact: createRedactor(() => ['topsecret']) });
    const seen: string[] = [];
    log.onEntry((e) => seen.push(e.message));
    log.info('http', 'POST https://h/u?pass=topsecret answered 200', 'acc_12345678');
    log.error('http', 'failed with topsecret');
    await log.flush();
    const lines = (await fs.readFile(log.file, 'utf8')).trim().split('\n').map((l): unknown => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'info', scope: 'http', accountId: 'acc_12345678' });
    expect(JSON.stringify(lines)).not.toContain('topsecret');
    expect(seen.join()).not.toContain('topsecret');
  });

  it('rotates at the size limit and keeps a bounded number of files', async () => {
    const log = new ActivityLog({ dataDir: dir, redact: (t) => t, maxFileBytes: 400, keepFiles: 2 });
    for (let i = 0; i < 40; i++) log.info('t', `entry number ${i} ${'x'.repeat(40)}`);
    await log.flush();
    const files = (await fs.readdir(path.dirname(log.file))).sort();
    expect(files).toEqual(['activity.1.log', 'activity.2.log', 'activity.log']);
    for (const f of files) expect((await fs.stat(path.join(path.dirname(log.file), f))).size).toBeLessThanOrEqual(400);
    const exported = await log.exportText();
    expect(exported).toContain('entry number 39');
    expect(exported.indexOf('entry number 38')).toBeLessThan(exported.indexOf('entry number 39'));
  });

  it('keeps a bounded list in memory, newest last', async () => {
    const log = new ActivityLog({ dataDir: dir, redact: (t) => t, keepInMemory: 5 });
    for (let i = 0; i < 12; i++) log.info('t', `m${i}`);
    expect(log.list(100).map((e) => e.message)).toEqual(['m7', 'm8', 'm9', 'm10', 'm11']);
    expect(log.list(2).map((e) => e.message)).toEqual(['m10', 'm11']);
    await log.flush();
  });
});
