import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ja } from '../../../../main/common/i18n/locales/ja/index';
import { sayPhrase } from '../../../../main/common/i18n/phrase';
import { createTranslator } from '../../../../main/common/i18n/translator';
import { DataFolderInUseError, INSTANCE_FILE, LOCK_NAME, dataFolderHolder, lockDataFolder, readInstanceInfo, sandboxOfRunningApp } from '../../../../main/core/storage/instance-lock';

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

describe('where the holder\'s embedded sandbox runs', () => {
  const info = { pid: process.pid, host: 'browser', hostname: os.hostname(), startedAt: '2026-12-05T21:04:00.000Z' };

  it('is announced beside the address, and read back from a live holder only', async () => {
    const lock = await lockDataFolder(dir, 'browser');
    expect(sandboxOfRunningApp(dir)).toBeNull();
    await Promise.all([lock.announce({ sandbox: 'http://127.0.0.1:41001' }), lock.announce({ url: 'http://127.0.0.1:5555/' })]);
    expect(readInstanceInfo(dir)).toMatchObject({ url: 'http://127.0.0.1:5555/', sandbox: 'http://127.0.0.1:41001' });
    expect(sandboxOfRunningApp(dir)).toBe('http://127.0.0.1:41001');
    await lock.release();
    expect(sandboxOfRunningApp(dir)).toBeNull();
  });

  it('reads an instance.json written before the sandbox was announced', async () => {
    await fs.writeFile(path.join(dir, INSTANCE_FILE), JSON.stringify(info));
    expect(readInstanceInfo(dir)).toEqual(info);
  });

  it.each([
    ['a path after the origin', 'http://127.0.0.1:41001/twilio'],
    ['another scheme', 'file:///etc'],
    ['a script', 'javascript:alert(1)'],
    ['credentials', 'http://user:pw@127.0.0.1:41001'],
    ['not a URL', '127.0.0.1:41001'],
    ['a number', 41001],
  ])('takes an instance.json whose sandbox is %s for unreadable', async (_what, sandbox) => {
    await fs.mkdir(path.join(dir, LOCK_NAME));
    await fs.writeFile(path.join(dir, INSTANCE_FILE), JSON.stringify({ ...info, sandbox }));
    expect(readInstanceInfo(dir)).toBeNull();
    expect(sandboxOfRunningApp(dir)).toBeNull();
  });
});

describe('who holds the folder, in the reader\'s language', () => {
  const japanese = createTranslator('ja', { ja });
  const english = createTranslator('en');
  const since = '2026-12-05T21:04:00.000Z';
  const here = os.hostname();

  it.each([
    ['the browser host here, listening', { pid: 4242, host: 'browser', hostname: here, startedAt: since, url: 'http://127.0.0.1:5555/' }, ['ブラウザーホスト', 'プロセス 4242', 'http://127.0.0.1:5555/ で待ち受け中']],
    ['the desktop app on another machine', { pid: 77, host: 'electron', hostname: 'studio-mac', startedAt: since }, ['デスクトップアプリ', 'studio-mac のプロセス 77']],
    ['a host this version does not know', { pid: 9, host: 'kiosk', hostname: here, startedAt: since }, ['kiosk ホスト', 'プロセス 9']],
  ])('says %s in Japanese, with the date in Japanese form', (_what, holder, parts) => {
    const said = sayPhrase(japanese, new DataFolderInUseError('/data/md', holder).phrase);
    for (const part of parts) expect(said).toContain(part);
    expect(said).toMatch(/2026\/12\/0[56]/);
    // Nothing of the English sentence is left: no "host", "process", "since", "in use".
    expect(said).not.toMatch(/\b(host|process|since|in use|listening)\b/i);
  });

  it('says a folder held by a host that is starting in Japanese', () => {
    expect(sayPhrase(japanese, new DataFolderInUseError('/data/md', null).phrase)).toContain('起動中または終了中の別の Media Desk');
  });

  it('keeps the English message for the log, and says the same facts in English', () => {
    const error = new DataFolderInUseError('/data/md', { pid: 4242, host: 'browser', hostname: here, startedAt: since, url: 'http://127.0.0.1:5555/' });
    expect(error.message).toContain('browser host, process 4242, listening at http://127.0.0.1:5555/');
    expect(sayPhrase(english, error.phrase)).toMatch(/^The data folder \/data\/md is in use by Media Desk \(the browser host, process 4242, listening at http:\/\/127\.0\.0\.1:5555\/, since [^)]*2026[^)]*\)\. Use that one/);
  });

  it("says what another process wrote in the folder's instance file as it is, never as more of the sentence", () => {
    // The file is anyone's who can write the folder: its words must not pick a catalogue line nor another value.
    const holder = { pid: 5, host: '{{dir}}', hostname: '$t(errors:instance.host.browser)', startedAt: '{{pid}} $t(errors:instance.inUseStarting)', url: '{{machine}}' };
    for (const translator of [english, japanese]) {
      const said = sayPhrase(translator, new DataFolderInUseError('/data/md', holder).phrase);
      for (const literal of ['{{dir}}', '$t(errors:instance.host.browser)', '{{pid}} $t(errors:instance.inUseStarting)', '{{machine}}']) expect(said).toContain(literal);
      expect(said).not.toMatch(/starting or stopping|起動中または終了中|the browser host|ブラウザーホスト/);
    }
  });
});
