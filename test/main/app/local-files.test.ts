import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultDownloadFolder, ensureDownloadFolder } from '../../../main/app/local-files';

const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await fs.rm(dir, { recursive: true, force: true });
});

describe("the browser host's Downloads folder", () => {
  it('is the Downloads folder in the home folder, never the home folder itself', () => {
    expect(defaultDownloadFolder()).toBe(path.join(os.homedir(), 'Downloads'));
  });
  it('is made when missing, so the first download does not fail for want of it', async () => {
    const base = await fs.mkdtemp(path.join(os.tmpdir(), 'md-local-'));
    made.push(base);
    const folder = path.join(base, 'Downloads');
    expect(await ensureDownloadFolder(folder)).toBe(folder);
    expect((await fs.stat(folder)).isDirectory()).toBe(true);
  });
});
