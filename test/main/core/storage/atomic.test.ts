import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ja } from '../../../../main/common/i18n/locales/ja/index';
import { inEnglish, sayPhrase } from '../../../../main/common/i18n/phrase';
import { createTranslator } from '../../../../main/common/i18n/translator';
import { readJsonFile, removeStaleTemps, renameDurably, syncFile, tempPathBeside, writeFileAtomic, writeJsonAtomic } from '../../../../main/core/storage/atomic';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-atomic-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fs.rm(dir, { recursive: true, force: true });
});

const schema = z.object({ n: z.number() });
const japanese = createTranslator('ja', { ja });

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

  // Failures are injected into the real file system calls the write goes through, on the very file being replaced:
  // a disk that fills up halfway through the data, an fsync that fails, a rename that fails.
  const ioError = (code: string) => Object.assign(new Error(`${code}: injected`), { code });

  async function fileHandlePrototype(): Promise<FileHandle> {
    const handle = await fs.open(path.join(dir, '.probe'), 'w');
    await handle.close();
    await fs.rm(path.join(dir, '.probe'));
    return Object.getPrototypeOf(handle) as FileHandle;
  }

  it('keeps the old content, and leaves no temporary file, when the disk fills up halfway through the write', async () => {
    const file = path.join(dir, 'a.json');
    await writeJsonAtomic(file, { n: 1 });
    const proto = await fileHandlePrototype();
    let halfWritten = false;
    vi.spyOn(proto, 'writeFile').mockImplementationOnce(async function (this: FileHandle, data: unknown) {
      const bytes = Buffer.from(String(data));
      await this.write(bytes.subarray(0, bytes.length / 2));
      halfWritten = true;
      throw ioError('ENOSPC');
    });
    await expect(writeJsonAtomic(file, { n: 2, padding: 'x'.repeat(4096) })).rejects.toThrow(/ENOSPC/);
    expect(halfWritten).toBe(true);
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual({ n: 1 });
    expect(await fs.readdir(dir)).toEqual(['a.json']);
  });

  it('keeps the old content when the data cannot be flushed to disk', async () => {
    const file = path.join(dir, 'a.json');
    await writeFileAtomic(file, 'old');
    vi.spyOn(await fileHandlePrototype(), 'sync').mockRejectedValueOnce(ioError('EIO'));
    await expect(writeFileAtomic(file, 'new')).rejects.toThrow(/EIO/);
    expect(await fs.readFile(file, 'utf8')).toBe('old');
    expect(await fs.readdir(dir)).toEqual(['a.json']);
  });

  it('keeps the old content when the temporary file cannot replace it', async () => {
    const file = path.join(dir, 'a.json');
    await writeFileAtomic(file, 'old');
    vi.spyOn(fs, 'rename').mockRejectedValueOnce(ioError('EXDEV'));
    await expect(writeFileAtomic(file, 'new')).rejects.toThrow(/EXDEV/);
    expect(await fs.readFile(file, 'utf8')).toBe('old');
    expect(await fs.readdir(dir)).toEqual(['a.json']);
  });

  it('reads a valid file, and reports a missing one', async () => {
    const file = path.join(dir, 'a.json');
    expect(await readJsonFile(file, schema)).toEqual({ status: 'missing' });
    await writeJsonAtomic(file, { n: 3 });
    expect(await readJsonFile(file, schema)).toEqual({ status: 'ok', value: { n: 3 } });
  });

  it.each([
    ['truncated JSON', '{"n": 1', 'it is not valid JSON', '正しい JSON ではありません'],
    ['an empty file', '', 'it is empty', '中身が空です'],
    ['the wrong shape', '{"n": "one"}', 'it does not have the expected shape (', '想定した形式ではありません（'],
  ])('moves %s aside instead of replacing it, saying why in English and in Japanese', async (_name, content, english, japaneseWords) => {
    const file = path.join(dir, 'a.json');
    await fs.writeFile(file, content);
    const result = await readJsonFile(file, schema);
    expect(result.status).toBe('corrupt');
    if (result.status !== 'corrupt') return;
    expect(inEnglish(result.reason)).toContain(english);
    // In Japanese, only the schema's own words (a detail for support) may stay English.
    expect(sayPhrase(japanese, result.reason).replace(/（.*）/, '')).toBe(japaneseWords.replace(/（$/, ''));
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

describe('a folder where a file should be', () => {
  it('is set aside like a damaged file, with what it holds', async () => {
    const file = path.join(dir, 'a.json');
    await fs.mkdir(file);
    await fs.writeFile(path.join(file, 'inside'), 'kept');
    const read = await readJsonFile(file, schema);
    if (read.status !== 'corrupt') throw new Error('not corrupt');
    expect(inEnglish(read.reason)).toBe('it is a folder, not a file');
    expect(sayPhrase(japanese, read.reason)).toBe('ファイルではなくフォルダーです');
    expect(await fs.readFile(path.join(read.movedTo, 'inside'), 'utf8')).toBe('kept');
  });
});
