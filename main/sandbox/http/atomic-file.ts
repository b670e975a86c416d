// Atomic file writes (temp file in the same folder, fsync, rename, fsync of the folder) and a per-path queue so
// that two writes of the same file never interleave and the last one queued is the one that stays.
// The app's own home for this is main/core/storage/atomic.ts; the sandbox may import only main/common, which holds
// code that runs anywhere (no Node), so it keeps this copy of the same steps: a documented exception, not a second
// rule (main/sandbox/README.md).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export async function writeFileAtomic(filePath: string, data: string | Buffer, mode = 0o644): Promise<void> {
  const tempPath = `${filePath}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await fs.open(tempPath, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await fs.rm(tempPath, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await fs.rename(tempPath, filePath);
  } catch (err) {
    await fs.rm(tempPath, { force: true });
    throw err;
  }
  await syncDirectory(path.dirname(filePath));
}

/** Makes a rename or an unlink durable. Some platforms cannot open a folder for fsync: that is not an error. */
export async function syncDirectory(dirPath: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dirPath, 'r');
    await handle.sync();
  } catch {
    // best effort (Windows cannot fsync a directory)
  } finally {
    await handle?.close();
  }
}

export class WriteQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `task` after every task queued before under the same key; failures do not block later tasks. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Resolves when everything queued so far has finished. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}
