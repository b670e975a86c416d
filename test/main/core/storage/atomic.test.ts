import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readJsonFile, removeStaleTemps, renameDurably, syncFile, tempPathBeside, writeFileAtomic, writeJsonAtomic } from '../../../../main/core/storage/atomic';

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

describe('the parts of an atomic write, shared with streamed downloads', () => {
  it('names the temporary file hidden, beside the target, unique, with the kind of write as its extension', () => {
    const target = path.join(dir, 'photo.jpg');
    const first = tempPathBeside(target, 'part');
    expect(path.dirname(first)).toBe(dir);
    expect(path.basename(first)).toMatch(/^\.photo\.jpg\.[0-9a-f]{12}\.part$/);
    expect(tempPathBeside(target, 'part')).not.toBe(first);
    expect(path.basename(tempPathBeside(target))).toMatch(/^\.photo\.jpg\.[0-9a-f]{12}\.tmp$/);
  });

  it('syncs a streamed file, then puts it in place of the target, leaving no temporary name', async () => {
    const target = path.join(dir, 'clip.mp4');
    await fs.writeFile(target, 'old');
    const temp = tempPathBeside(target, 'part');
    await fs.writeFile(temp, 'new content');
    expect(await syncFile(temp)).toBe(11);
    await renameDurably(temp, target);
    expect(await fs.readFile(target, 'utf8')).toBe('new content');
    expect(await fs.readdir(dir)).toEqual(['clip.mp4']);
  });
});
