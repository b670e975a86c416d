import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeOrphanedKeptFiles } from '../../../../main/core/files/staging';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-orphans-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('cleaning kept files no transfer owns', () => {
  it('removes staged-id files no job owns, and nothing else', async () => {
    const owned = 'stg_aaaaaaaaaaaaaaaaaaaaaaaa';
    const orphan = 'stg_bbbbbbbbbbbbbbbbbbbbbbbb';
    for (const name of [owned, orphan, 'stg_short', 'holiday.jpg']) await fs.writeFile(path.join(dir, name), 'x');
    await fs.mkdir(path.join(dir, 'stg_cccccccccccccccccccccccc'));
    // Owned by name: a data folder moved elsewhere still owns its files.
    const removed = await removeOrphanedKeptFiles(dir, [path.join('/elsewhere/transfer-files', owned)]);
    expect(removed).toEqual([orphan]);
    expect((await fs.readdir(dir)).sort()).toEqual(['holiday.jpg', owned, 'stg_cccccccccccccccccccccccc', 'stg_short']);
  });

  it('does nothing when the folder does not exist', async () => {
    expect(await removeOrphanedKeptFiles(path.join(dir, 'missing'), [])).toEqual([]);
  });
});
