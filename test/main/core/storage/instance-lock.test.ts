import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataFolderInUseError, INSTANCE_FILE, LOCK_NAME, dataFolderHolder, lockDataFolder, readInstanceInfo } from '../../../../main/core/storage/instance-lock';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-lock-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('the data folder lock', () => {
  it('is held once: a second taker gets DataFolderInUseError naming the holder; release frees it', async () => {
    const lock = await lockDataFolder(dir, 'browser');
    await lock.announce({ url: 'http://127.0.0.1:5555/' });
    expect(dataFolderHolder(dir)).toEqual({ held: true, holder: expect.objectContaining({ pid: process.pid, host: 'browser', url: 'http://127.0.0.1:5555/' }) });
    const refused = await lockDataFolder(dir, 'electron').catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DataFolderInUseError);
    expect(String(refused)).toContain(`process ${process.pid}`);
    expect(String(refused)).toContain('http://127.0.0.1:5555/');
    await lock.release();
    expect(await fs.readdir(dir)).toEqual([]);
    expect(dataFolderHolder(dir)).toEqual({ held: false });
    const again = await lockDataFolder(dir, 'electron');
    expect(readInstanceInfo(dir)?.host).toBe('electron');
    await again.release();
  });

  it('takes over a lock whose holder process is gone, at once', async () => {
    await fs.mkdir(path.join(dir, LOCK_NAME));
    // A pid that cannot be running: above the kernel's pid_max.
    await fs.writeFile(path.join(dir, INSTANCE_FILE), JSON.stringify({ pid: 2 ** 30, host: 'browser', hostname: os.hostname(), startedAt: '2024-01-01T00:00:00Z' }));
    expect(dataFolderHolder(dir)).toEqual({ held: false });
    const lock = await lockDataFolder(dir, 'browser');
    expect(readInstanceInfo(dir)?.pid).toBe(process.pid);
    await lock.release();
  });

  it('does not take over a fresh lock whose holder it cannot identify', async () => {
    await fs.mkdir(path.join(dir, LOCK_NAME));
    const refused = await lockDataFolder(dir, 'browser').catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DataFolderInUseError);
    expect(await fs.readdir(dir)).toEqual([LOCK_NAME]);
  });
});
