// The browser host's terminal lines are said in the app's saved language when the data folder's settings can be
// read, else the locale's as the CLI reads it (LC_ALL / LC_MESSAGES / LANG). The host itself runs here (cli.ts through
// tsx), so the lines are the very ones a person reads; nothing it is started with lets it get as far as listening.
import { execFileSync, spawn } from 'node:child_process';
import { constants, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../main/common/errors';
import { phrase } from '../../../main/common/i18n/phrase';
import { hostLanguage } from '../../../main/app/terminal-language';
import { lockDataFolder } from '../../../main/core/storage/instance-lock';
import { namedDataDir, startFailedLine } from '../../../main/webhost/terminal';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'main', 'webhost', 'cli.ts');

let dataDir: string;
beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-host-words-'));
});
afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** The host's environment without the runner's locale: only what the test gives. */
function runHost(args: string[], locale: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !/^(LC_|LANG)/.test(name)) env[name] = value;
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, env: { ...env, ...locale }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stderr, stdout }));
  });
}

/** The promise's value, or 'timed out' when it takes longer than `ms`. */
function within<T>(ms: number, promise: Promise<T>): Promise<T | 'timed out'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'timed out'>((resolve) => (timer = setTimeout(() => resolve('timed out'), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

const saveLanguage = (language: string): Promise<void> => fs.writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ language }));

describe("the browser host's launch-argument errors", () => {
  it('are said in Japanese when LANG says so, and in English otherwise', async () => {
    const japanese = await runHost(['--data-dir', dataDir, '--verbose'], { LANG: 'ja_JP.UTF-8' });
    expect(japanese).toMatchObject({ code: 2, stdout: '' });
    expect(japanese.stderr).toBe('--verbose というオプションはありません。使えるオプション：--data-dir, --port, --downloads。\n');

    const english = await runHost(['--data-dir', dataDir, '--port=99999'], { LANG: 'C' });
    expect(english).toMatchObject({ code: 2, stderr: '--port must be from 0 to 65535.\n' });
  }, 30_000);

  it("follow the app's saved language over the locale, in the folder the line names", async () => {
    await saveLanguage('ja');
    const saved = await runHost([`--data-dir=${dataDir}`, 'photo.jpg'], { LANG: 'en_US.UTF-8' });
    expect(saved).toMatchObject({ code: 2, stderr: '引数「photo.jpg」は使えません。使えるオプション：--data-dir, --port, --downloads。\n' });
  }, 30_000);
});

describe('the line when Media Desk cannot start', () => {
  it("says the reason in the terminal's language: a folder held by another Media Desk", async () => {
    const lock = await lockDataFolder(dataDir, 'electron');
    try {
      const held = await runHost(['--data-dir', dataDir], { LC_ALL: 'ja_JP.UTF-8', LANG: 'en_US.UTF-8' });
      expect(held.code).toBe(1);
      expect(held.stderr).toMatch(/^Media Desk を起動できませんでした：データフォルダー .+ は Media Desk が使っています（デスクトップアプリ、プロセス \d+、.+から）。/);
      expect(held.stderr).not.toMatch(/could not start|in use/);
    } finally {
      await lock.release();
    }
  }, 30_000);

  it("keeps a system error's own words inside the sentence, which is in the reader's language", () => {
    const system = Object.assign(new Error("EEXIST: file already exists, mkdir '/d'"), { code: 'EEXIST' });
    expect(startFailedLine('ja', system)).toBe("Media Desk を起動できませんでした：EEXIST: file already exists, mkdir '/d'");
    expect(startFailedLine('en', new AppError('validation', phrase('errors:webhost.notJson')))).toBe('Media Desk could not start: The request body is not JSON.');
    expect(startFailedLine('ja', new AppError('validation', phrase('errors:webhost.notJson')))).toBe('Media Desk を起動できませんでした：リクエストの本文が JSON ではありません。');
  });
});

describe("the terminal's language", () => {
  it('is the saved choice when the settings can be read, else the locale', async () => {
    expect(await hostLanguage(dataDir, { LANG: 'ja_JP.UTF-8' })).toBe('ja');
    expect(await hostLanguage(dataDir, { LANG: 'C' })).toBe('en');
    await saveLanguage('en');
    expect(await hostLanguage(dataDir, { LANG: 'ja_JP.UTF-8' })).toBe('en');
    await saveLanguage('system');
    expect(await hostLanguage(dataDir, { LANG: 'ja_JP.UTF-8' })).toBe('ja');
    await fs.writeFile(path.join(dataDir, 'settings.json'), '{"language": "ja"');
    expect(await hostLanguage(dataDir, { LANG: 'C' })).toBe('en');
    expect(await fs.readFile(path.join(dataDir, 'settings.json'), 'utf8')).toBe('{"language": "ja"');
    expect(await hostLanguage(path.join(dataDir, 'missing'), { LANG: 'ja_JP.UTF-8' })).toBe('ja');
    await expect(fs.stat(path.join(dataDir, 'missing'))).rejects.toThrow();
  });

  // The language is read before anything else, even for a line the host refuses: a settings file that never ends or
  // never answers must not keep a person from reading why the host stopped.
  it.skipIf(process.platform === 'win32')('is the locale when the settings file is a FIFO (or a link to one) or far too large, without waiting', async () => {
    const file = path.join(dataDir, 'settings.json');
    const pipe = path.join(dataDir, 'pipe');
    execFileSync('mkfifo', [pipe]);
    for (const make of [() => fs.rename(pipe, file), () => fs.rename(file, pipe).then(() => fs.symlink(pipe, file))]) {
      await make();
      const language = await within(2_000, hostLanguage(dataDir, { LANG: 'ja_JP.UTF-8' }));
      // A reader left blocked on the FIFO (the behaviour under test missing) gets its end of file and lets go.
      await fs.open(file, constants.O_WRONLY | constants.O_NONBLOCK).then((writer) => writer.close(), () => undefined);
      expect(language).toBe('ja');
    }

    await fs.rm(file);
    await fs.writeFile(file, `{"language": "en", "pad": "${' '.repeat(2 * 1024 * 1024)}"}`);
    expect(await hostLanguage(dataDir, { LANG: 'ja_JP.UTF-8' })).toBe('ja');
  });

  it('is looked up in the data folder a refused line names, or the default one', () => {
    expect(namedDataDir(['--verbose', '--data-dir', 'some/dir'])).toBe(path.resolve('some/dir'));
    expect(namedDataDir(['--data-dir=/d', 'extra'])).toBe('/d');
    expect(namedDataDir(['--data-dir'])).toBe(namedDataDir([]));
  });
});
