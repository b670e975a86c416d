import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readJsonFile, removeStaleTemps, writeFileAtomic, writeJsonAtomic } from '../../../../main/core/storage/atomic';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-atomic-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const schema = z.object({ n: z.number() });

describe('atomic storage', () => {
  it('writes the whole content and leaves no temporary file behind', async () => {
    const file = path.join(dir, 'a.json');
    await writeJsonAtomic(file, { n: 1 });
    await writeJsonAtomic(file, { n: 2 });
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual({ n: 2 });
    expect(await fs.readdir(dir)).toEqual(['a.json']);
  });

  it('creates new files readable by the owner only', async () => {
    const file = path.join(dir, 'secret.json');
    await writeFileAtomic(file, 'x');
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
  });

  it('keeps the old content when the write fails', async () => {
    const file = path.join(dir, 'a.json');
    await writeJsonAtomic(file, { n: 1 });
    // A directory where the temp file's folder should be makes the rename impossible.
    const blocked = path.join(dir, 'blocked');
    await fs.mkdir(blocked);
    await fs.writeFile(path.join(blocked, 'x'), '');
    await expect(writeFileAtomic(blocked, 'y')).rejects.toThrow();
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual({ n: 1 });
    expect((await fs.readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('reads a valid file, and reports a missing one', async () => {
    const file = path.join(dir, 'a.json');
    expect(await readJsonFile(file, schema)).toEqual({ status: 'missing' });
    await writeJsonAtomic(file, { n: 3 });
    expect(await readJsonFile(file, schema)).toEqual({ status: 'ok', value: { n: 3 } });
  });

  it.each([
    ['truncated JSON', '{"n": 1', 'not valid JSON'],
    ['an empty file', '', 'empty'],
    ['the wrong shape', '{"n": "one"}', 'expected shape'],
  ])('moves %s aside instead of replacing it', async (_name, content, reason) => {
    const file = path.join(dir, 'a.json');
    await fs.writeFile(file, content);
    const result = await readJsonFile(file, schema);
    expect(result.status).toBe('corrupt');
    if (result.status !== 'corrupt') return;
    expect(result.reason).toContain(reason);
    expect(await fs.readFile(result.movedTo, 'utf8')).toBe(content);
    await expect(fs.access(file)).rejects.toThrow();
  });

  it('removes temporary files a crash left behind, and nothing else', async () => {
    await fs.writeFile(path.join(dir, '.a.json.abc.tmp'), 'partial');
    await fs.writeFile(path.join(dir, 'a.json'), '{}');
    await removeStaleTemps(dir);
    expect(await fs.readdir(dir)).toEqual(['a.json']);
  });
});

describe('a folder where a file should be', () => {
  it('is set aside like a damaged file, with what it holds', async () => {
    const file = path.join(dir, 'a.json');
    await fs.mkdir(file);
    await fs.writeFile(path.join(file, 'inside'), 'kept');
    const read = await readJsonFile(file, schema);
    expect(read).toMatchObject({ status: 'corrupt', reason: 'it is a folder, not a file' });
    if (read.status !== 'corrupt') throw new Error('not corrupt');
    expect(await fs.readFile(path.join(read.movedTo, 'inside'), 'utf8')).toBe('kept');
  });
});
