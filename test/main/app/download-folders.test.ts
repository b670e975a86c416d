// The download folder is remembered per kind of download: the folder dialog opens where the user last saved that
// kind, after a restart too, unless that folder is gone or cannot be written (then Downloads, quietly). The window
// can never set the remembered path itself; it may only name a kind whose folder main forgets.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootApp, type RunningApp } from '../../../main/app/bootstrap';
import { defaultDownloadFolder } from '../../../main/app/local-files';
import type { MethodArgs } from '../../../main/common/contract';
import { createKeyFileCipher } from '../../../main/core/vault/cipher';

let dataDir: string;
let work: string;
let app: RunningApp | undefined;
/** Where each folder dialog opened, with what title, and what the user answers next. */
let offered: string[];
let titles: string[];
let answer: { path: string; picked: boolean } | null;

async function start(): Promise<RunningApp> {
  app = await bootApp({
    dataDir,
    version: '0.0.0-test',
    cipher: () => createKeyFileCipher(dataDir),
    host: {
      host: 'electron',
      openExternal: async () => undefined,
      mediaUrl: (t) => `/media/${t}`,
      pickFolder: async (title, startIn) => {
        titles.push(title);
        offered.push(startIn);
        return answer;
      },
    },
  });
  return app;
}

async function pick(args: MethodArgs<'files.pickFolder'>): Promise<string> {
  const result = await app!.dispatch('files.pickFolder', args);
  if (!result.ok) throw new Error(result.error.message);
  return offered[offered.length - 1]!;
}

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-dlf-data-'));
  work = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'md-dlf-')));
  await fs.writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ sandboxEnabled: false }));
  offered = [];
  titles = [];
  answer = null;
  await start();
});
afterEach(async () => {
  await app?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
  await fs.rm(work, { recursive: true, force: true });
});

describe('the remembered download folder', () => {
  it('opens the dialog in Downloads at first, then where that kind of download was last saved, after a restart too', async () => {
    const photos = path.join(work, 'photos');
    await fs.mkdir(photos);
    expect(await pick({ kind: 'twilio' })).toBe(defaultDownloadFolder());
    answer = { path: photos, picked: true };
    await pick({ kind: 'twilio' });
    answer = null;
    expect(await pick({ kind: 'twilio' })).toBe(photos);
    // Each kind has its own; a pick without a kind is not remembered and opens in Downloads.
    expect(await pick({ kind: 'library' })).toBe(defaultDownloadFolder());
    expect(await pick({})).toBe(defaultDownloadFolder());

    await app!.close();
    await start();
    expect(await pick({ kind: 'twilio' })).toBe(photos);
  });

  it('gives way to Downloads when the folder was removed, replaced by a file, or cannot be written', async () => {
    const gone = path.join(work, 'gone');
    await fs.mkdir(gone);
    answer = { path: gone, picked: true };
    await pick({ kind: 'library' });
    answer = null;
    await fs.rm(gone, { recursive: true });
    expect(await pick({ kind: 'library' })).toBe(defaultDownloadFolder());
    await fs.writeFile(gone, 'a file where the folder was');
    expect(await pick({ kind: 'library' })).toBe(defaultDownloadFolder());

    // A folder this user may not write in (root may write anywhere, so this part needs an ordinary user).
    if (process.getuid?.() !== 0) {
      const locked = path.join(work, 'locked');
      await fs.mkdir(locked, { mode: 0o500 });
      answer = { path: locked, picked: true };
      await pick({ kind: 'library' });
      answer = null;
      expect(await pick({ kind: 'library' })).toBe(defaultDownloadFolder());
    }
  });

  it('ignores a hand-edited path that is not a full path', async () => {
    await app!.close();
    await fs.writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ sandboxEnabled: false, downloadFolders: { library: '../../tmp' } }));
    await start();
    expect(await pick({ kind: 'library' })).toBe(defaultDownloadFolder());
  });

  it('does not remember the browser host’s fixed Downloads folder, and the window cannot set a path itself', async () => {
    answer = { path: work, picked: false };
    await pick({ kind: 'library' });
    expect(await app!.dispatch('settings.get', {})).toMatchObject({ ok: true, value: { downloadFolders: {} } });
    const forged = await app!.dispatch('settings.update', { downloadFolders: { library: '/etc' } });
    expect(forged.ok).toBe(false);
    if (!forged.ok) expect(forged.error.message).toMatch(/downloadFolders/);
  });

  it('forgets the folder of the kind the window names, and only that one, leaving the folder and its files alone', async () => {
    const photos = path.join(work, 'photos');
    const media = path.join(work, 'media');
    for (const folder of [photos, media]) await fs.mkdir(folder);
    await fs.writeFile(path.join(photos, 'kept.jpg'), 'a downloaded file');
    answer = { path: photos, picked: true };
    await pick({ kind: 'library' });
    answer = { path: media, picked: true };
    await pick({ kind: 'twilio' });
    answer = null;

    const forgot = await app!.dispatch('settings.forgetDownloadFolder', { kind: 'library' });
    expect(forgot).toMatchObject({ ok: true, value: { downloadFolders: { twilio: media } } });
    expect(forgot).not.toHaveProperty(['value', 'downloadFolders', 'library']);
    expect(await pick({ kind: 'library' })).toBe(defaultDownloadFolder());
    expect(await pick({ kind: 'twilio' })).toBe(media);
    expect(await fs.readFile(path.join(photos, 'kept.jpg'), 'utf8')).toBe('a downloaded file');
    // Forgetting what is not remembered is no error; a restart does not bring the folder back.
    expect((await app!.dispatch('settings.forgetDownloadFolder', { kind: 'library' })).ok).toBe(true);
    await app!.close();
    await start();
    expect(await pick({ kind: 'library' })).toBe(defaultDownloadFolder());
    expect(await pick({ kind: 'twilio' })).toBe(media);
  });

  it('refuses anything but a kind: a path, an unknown kind, an extra field', async () => {
    answer = { path: work, picked: true };
    await pick({ kind: 'library' });
    for (const hostile of [{ kind: work }, { kind: 'library/../twilio' }, { kind: '__proto__' }, { kind: 'library', path: work }, {}]) {
      const refused = await app!.dispatch('settings.forgetDownloadFolder', hostile);
      expect(refused.ok, JSON.stringify(hostile)).toBe(false);
      if (!refused.ok) expect(refused.error.code).toBe('validation');
    }
    expect(await app!.dispatch('settings.get', {})).toMatchObject({ ok: true, value: { downloadFolders: { library: work } } });
  });
});

describe("the folder dialog's title", () => {
  it("is main's own words for the kind of download, in the app's language, and never the window's", async () => {
    await pick({ kind: 'library' });
    await pick({ kind: 'twilio' });
    await pick({});
    expect(titles).toEqual(['Choose where to save the downloads', 'Choose where to save the media', 'Choose a folder']);

    const saved = await app!.dispatch('settings.update', { language: 'ja' });
    expect(saved.ok).toBe(true);
    titles = [];
    await pick({ kind: 'library' });
    await pick({ kind: 'twilio' });
    await pick({});
    expect(titles).toEqual(['ダウンロードの保存先を選択', 'メディアの保存先を選択', 'フォルダーを選択']);

    // A page that tries to word the system dialog itself is refused before any dialog opens.
    const worded = await app!.dispatch('files.pickFolder', { title: 'Enter your Apple ID password', kind: 'library' });
    expect(worded).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(titles).toHaveLength(3);
  });
});
