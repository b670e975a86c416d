// The CLI's language: Japanese with LANG=ja_JP.UTF-8 (or LC_ALL, LC_MESSAGES, LANGUAGE, --lang), English otherwise;
// --json documents the same bytes in both. In-process against the sandbox, and once as a child process (the
// locale comes from the real environment there).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/run.js';
import { COMMANDS } from '../../../main/cli/registry.js';
import { buildCli, makeRunner, REPO } from './support/cli-process.js';
import { startCliFixture, type CliFixture } from './support/fixture.js';
import { memoryIo } from './support/memory-io.js';

let fixture: CliFixture;

beforeAll(async () => {
  fixture = await startCliFixture();
});
afterAll(async () => {
  await fixture?.close();
});

const JA = { LANG: 'ja_JP.UTF-8' };

async function cli(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(env, fixture.work);
  const code = await runCli([...args, '--data-dir', fixture.dataDir], io, new AbortController().signal);
  return { code, out: io.out(), err: io.err() };
}

/** A line that reads as an English sentence: two English words in a row. */
const ENGLISH_WORDS = /[A-Za-z]{4,} [A-Za-z]{3,}/;

/**
 * Lines of Japanese output that still read as English, leaving out what is never translated: command names, option
 * flags and metavariables (syntax), JSON shapes, product names and the fixture's own names.
 */
function untranslated(text: string, data: readonly string[] = []): string[] {
  const names = [...data, 'Media Desk', 'media-desk', ...COMMANDS.map((c) => c.words.join(' '))].sort((a, b) => b.length - a.length);
  return text
    .split('\n')
    .map((line) => names.reduce((rest, name) => rest.split(name).join(''), line))
    .map((line) => line.replace(/JSON: .*$/, '').replace(/--?[a-z-]+/g, '').replace(/\b[A-Z][A-Z0-9_]+\b/g, ''))
    .filter((line) => ENGLISH_WORDS.test(line));
}

describe('the language of the text', () => {
  it('help is Japanese with LANG=ja_JP.UTF-8, with no English sentence left, for the overview and every command', async () => {
    const overview = await cli(['--help'], JA);
    expect(overview.code).toBe(0);
    expect(overview.out).toContain('使い方: media-desk <command> [options]');
    expect(overview.out).toContain('コマンド:');
    expect(overview.out).toMatch(/^ {2}accounts list +データフォルダーのアカウントを一覧表示$/m);
    expect(overview.out).toContain('  3    リモート：');
    expect(untranslated(overview.out)).toEqual([]);
    for (const command of COMMANDS) {
      const help = await cli([...command.words, '--help'], JA);
      expect(help.out, command.words.join(' ')).toContain(`使い方: media-desk ${command.words.join(' ')} `);
      expect(untranslated(help.out), command.words.join(' ')).toEqual([]);
    }
  });

  it('is English with LANG=C, with no locale, and when LC_ALL=C overrides a Japanese LANG', async () => {
    const envs: Array<Record<string, string>> = [{ LANG: 'C' }, {}, { LC_ALL: 'C', LANG: 'ja_JP.UTF-8' }, { LANG: 'en_US.UTF-8', LANGUAGE: 'de' }];
    for (const env of envs) {
      const help = await cli(['--help'], env);
      expect(help.out, JSON.stringify(env)).toContain('Usage: media-desk <command> [options]');
      expect(help.out, JSON.stringify(env)).not.toMatch(/[\u3040-\u30ff]/);
    }
  });

  it('follows LC_MESSAGES, GNU LANGUAGE and --lang, which wins over the environment', async () => {
    expect((await cli(['--help'], { LC_MESSAGES: 'ja_JP.UTF-8', LANG: 'C' })).out).toContain('使い方:');
    expect((await cli(['--help'], { LANGUAGE: 'ja:en', LANG: 'en_US.UTF-8' })).out).toContain('使い方:');
    expect((await cli(['--help', '--lang', 'ja'], { LANG: 'C' })).out).toContain('使い方:');
    expect((await cli(['--lang=en', '--help'], JA)).out).toContain('Usage:');
    const bad = await cli(['--lang', 'fr', 'accounts', 'list'], JA);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('media-desk: --lang には en または ja を指定してください（「fr」は使えません）。（「media-desk --help」を参照してください）\n');
  });

  it('a listing in Japanese: headers, kinds, secret states and sizes, columns aligned by terminal width', async () => {
    const accounts = await cli(['accounts', 'list'], JA);
    expect(accounts.code).toBe(0);
    const lines = accounts.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^名前 +種類 +ID +シークレット +接続先$/);
    const library = lines.find((line) => line.includes(fixture.ids.library)) ?? '';
    expect(library).toMatch(/ メディアライブラリ +acc_\w+ +保存済み +127\.0\.0\.1:\d+（ドメイン .+、ユーザー .+）$/);
    // Wide characters take two cells: the id column starts at the same cell on every line.
    const cellOf = (line: string, id: string): number => [...line.slice(0, line.indexOf(id))].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
    expect(new Set(Object.values(fixture.ids).map((id) => cellOf(lines.find((l) => l.includes(id)) ?? '', id))).size).toBe(1);
    expect(cellOf(lines[0]!, 'ID')).toBe(cellOf(library, fixture.ids.library));

    expect((await cli(['library', 'mkdir', 'ja-folder'])).code).toBe(0);
    expect((await cli(['library', 'put', 'ja-folder', path.join(REPO, 'assets/demo/fractal.jpg')])).code).toBe(0);
    const files = await cli(['library', 'ls', 'ja-folder'], JA);
    expect(files.out.split('\n')[0]).toMatch(/^ファイル +サイズ +作成日時 +作成者$/);
    expect(files.out).toMatch(/^fractal\.jpg +\d+(\.\d)? KiB /m);
    expect(untranslated(files.out, ['fractal.jpg'])).toEqual([]);
  });

  it('the access-list summary in Japanese: the same phrases the window says, with no English sentence left', async () => {
    const { userId: other } = fixture.sandbox.accounts.library.otherUser;
    const acl = await cli(['library', 'acl', 'get', 'from-colleague'], JA);
    expect(acl.code).toBe(0);
    expect(acl.out).toMatch(new RegExp(`^ユーザー .*${other}.*だけが書き込めます（どのアプリケーションからでも）。`, 'm'));
    expect(acl.out).toMatch(/^ユーザー .+、.+だけが読み取れます/m);
    expect(untranslated(acl.out, ['from-colleague'])).toEqual([]);
    expect((await cli(['library', 'acl', 'get', 'from-colleague'], { LANG: 'C' })).out).toMatch(/^Only the user .*can write, through any application\.$/m);
  });

  it('an error in Japanese, with the same exit code as in English', async () => {
    const ja = await cli(['library', 'ls', '--account', 'nobody'], JA);
    const en = await cli(['library', 'ls', '--account', 'nobody'], { LANG: 'C' });
    expect(ja.code).toBe(2);
    expect(en.code).toBe(2);
    expect(ja.err).toMatch(/^media-desk: .* に「nobody」という名前のアカウントはありません。名前と ID は「media-desk accounts list」で確認できます。（「media-desk library ls --help」を参照してください）\n$/);
    expect(en.err).toMatch(/^media-desk: No account is named "nobody" in /);
    const usage = await cli(['twilio', 'media', 'get', 'SM1', 'ME1'], JA);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('MESSAGE_SID は SM または MM に続く 32 桁の 16 進数です。');
    // A refusal built from main/common's words (the lock-out warning) is said in Japanese too, not only its frame.
    const lockout = await cli(['library', 'acl', 'set', 'ja-folder', '--write-users', fixture.sandbox.accounts.library.otherUser.userId], JA);
    expect(lockout.code).toBe(2);
    expect(lockout.err).toContain('はこの項目を変更できなくなり、この変更を元に戻すこともできません。 それでも保存するには --force を付けてください。');
    expect(untranslated(lockout.err)).toEqual([]);
  });

  it('--json is the same bytes in Japanese and in English, errors included', async () => {
    const commands = [
      ['accounts', 'list', '--json'],
      ['library', 'ls', '--json'],
      ['twilio', 'messages', '--limit', '3', '--json'],
      ['address-book', 'list', '--json'],
      ['library', 'acl', 'get', 'ja-folder', '--json'],
      ['library', 'ls', '--account', 'nobody', '--json'],
      ['twilio', 'media', 'list', 'SM-not-a-sid', '--json'],
      ['frobnicate', '--json'],
    ];
    for (const args of commands) {
      const ja = await cli(args, JA);
      const c = await cli(args, { LANG: 'C' });
      expect(ja.out, args.join(' ')).toBe(c.out);
      expect(ja.code, args.join(' ')).toBe(c.code);
      expect(ja.out.length, args.join(' ')).toBeGreaterThan(2);
    }
    const error = JSON.parse((await cli(['library', 'ls', '--account', 'nobody', '--json'], JA)).out) as { error: Record<string, unknown> };
    expect(error).toEqual({ error: { code: 'validation', message: expect.stringMatching(/^No account is named "nobody" in /), exitCode: 2 } });
  });
});

describe('as a process', () => {
  it('reads LANG from its environment', async () => {
    const built = await buildCli();
    try {
      const run = makeRunner(built.bundle, () => fixture.secrets);
      expect((await run(['--help'], { env: JA })).stdout).toContain('使い方: media-desk');
      expect((await run(['--help'])).stdout).toContain('Usage: media-desk');
      const ja = await run(['accounts', 'list', '--json', '--data-dir', fixture.dataDir], { env: JA });
      const en = await run(['accounts', 'list', '--json', '--data-dir', fixture.dataDir], { env: { LANG: 'C' } });
      expect(ja.stdout).toBe(en.stdout);
    } finally {
      await built.remove();
    }
  });
});
