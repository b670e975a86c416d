import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExisting, requireFolder } from '../../../main/app/local-files';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-local-'));
  await fs.writeFile(path.join(dir, 'a.jpg'), 'x');
  await fs.writeFile(path.join(dir, 'Grüße.mp4'), 'x');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('download folders', () => {
  it('names the files that would be overwritten', async () => {
    expect(await findExisting(dir, ['a.jpg', 'b.jpg', 'Grüße.mp4'])).toEqual(['a.jpg', 'Grüße.mp4']);
  });
  it.each([
    ['a relative path', 'downloads', 'validation'],
    ['a missing folder', '/nonexistent/folder/for/sure', 'io'],
  ])('refuses %s', async (_what, folder, code) => {
    await expect(requireFolder(folder)).rejects.toMatchObject({ code });
  });
  it('refuses a file where a folder is expected', async () => {
    await expect(requireFolder(path.join(dir, 'a.jpg'))).rejects.toMatchObject({ code: 'validation' });
  });
});
