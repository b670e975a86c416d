// The desktop app's command line: what Electron, Chromium and the OS pass must never stop it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translatorFor } from '../../../main/app/desktop-language';
import { argsAfterApp, parseLaunchArgs } from '../../../main/app/launch-args';
import { phrase, sayPhrase } from '../../../main/common/i18n/phrase';

const cwd = path.resolve('/home/ana/Pictures');

describe('parseLaunchArgs', () => {
  it('accepts the Chromium and Electron switches users and packagers add, without a warning', () => {
    const parsed = parseLaunchArgs(['--no-sandbox', '--enable-logging', '--disable-gpu', '--enable-features=WaylandWindowDecorations', '--ozone-platform-hint=auto'], cwd);
    expect(parsed).toEqual({
      dataDir: undefined,
      files: [],
      switches: ['--no-sandbox', '--enable-logging', '--disable-gpu', '--enable-features=WaylandWindowDecorations', '--ozone-platform-hint=auto'],
      warnings: [],
    });
  });

  it('accepts any other --switch or --switch=value, and warns about it', () => {
    const parsed = parseLaunchArgs(['--frobnicate', '--shiny=yes'], cwd);
    expect(parsed.switches).toEqual(['--frobnicate', '--shiny=yes']);
    expect(parsed.warnings).toEqual([phrase('desktop:launch.unknownSwitch', { option: '--frobnicate' }), phrase('desktop:launch.unknownSwitch', { option: '--shiny' })]);
    expect(parsed.files).toEqual([]);
  });

  it("ignores macOS's process serial number", () => {
    expect(parseLaunchArgs(['-psn_0_12345'], cwd)).toEqual({ dataDir: undefined, files: [], switches: [], warnings: [] });
  });

  it('acts on --data-dir in both spellings, relative to the launch folder', () => {
    expect(parseLaunchArgs(['--data-dir', 'desk'], cwd).dataDir).toBe(path.join(cwd, 'desk'));
    expect(parseLaunchArgs(['--data-dir=/srv/desk'], cwd).dataDir).toBe(path.resolve('/srv/desk'));
  });

  it('warns when --data-dir has no folder, and does not swallow the next switch', () => {
    const parsed = parseLaunchArgs(['--data-dir', '--no-sandbox'], cwd);
    expect(parsed.dataDir).toBeUndefined();
    expect(parsed.switches).toEqual(['--no-sandbox']);
    expect(parsed.warnings).toEqual([phrase('desktop:launch.dataDirEmpty')]);
    expect(parseLaunchArgs(['--data-dir'], cwd).warnings).toHaveLength(1);
  });

  it('takes everything else as files to open, resolved against the launch folder, in order', () => {
    const parsed = parseLaunchArgs(['beach.jpg', '--no-sandbox', '/tmp/clip.mp4', '-psn_0_1', 'sub dir/ä photo.JPG'], cwd);
    expect(parsed.files).toEqual([path.join(cwd, 'beach.jpg'), path.resolve('/tmp/clip.mp4'), path.join(cwd, 'sub dir/ä photo.JPG')]);
  });

  it('takes arguments after -- as files even when they look like options', () => {
    expect(parseLaunchArgs(['--', '--weird-name.jpg'], cwd).files).toEqual([path.join(cwd, '--weird-name.jpg')]);
  });

  it("warns about the browser host's --port and about unknown single-dash options instead of failing", () => {
    const parsed = parseLaunchArgs(['--port', '8080', '-x'], cwd);
    expect(parsed.warnings).toEqual([phrase('desktop:launch.browserHostOption', { option: '--port' }), phrase('desktop:launch.unknownOption', { option: '-x' })]);
    // `--port 8080`: a Chromium-style switch takes no separate value, so 8080 is a (missing) file the upload view refuses.
    expect(parsed.files).toEqual([path.join(cwd, '8080')]);
  });

  it("names an option without the value given after '=', single dash or double, so a mistyped secret is not logged", () => {
    const parsed = parseLaunchArgs(['-token=s3cret', '--api-key=s3cret', '--port=s3cret'], cwd);
    expect(parsed.warnings).toEqual([
      phrase('desktop:launch.unknownOption', { option: '-token' }),
      phrase('desktop:launch.unknownSwitch', { option: '--api-key' }),
      phrase('desktop:launch.browserHostOption', { option: '--port' }),
    ]);
    for (const language of ['en', 'ja'] as const) {
      for (const warning of parsed.warnings) expect(sayPhrase(translatorFor(language), warning)).not.toContain('s3cret');
    }
  });

  it('says its warnings in English and Japanese, with the option as typed and never read as a key or a template', () => {
    const hostile = ['--port=1', '--{{option}}', '--$t(desktop:menu.file)', '--lng=ja', '-{{warning}}<b>', '--data-dir='];
    const said = (language: 'en' | 'ja') => parseLaunchArgs(hostile, cwd).warnings.map((w) => sayPhrase(translatorFor(language), w));
    expect(said('en')).toEqual([
      '--port is an option of the browser host; the desktop app ignores it.',
      'Unknown option --{{option}}: left to Electron and Chromium, unused by the app.',
      'Unknown option --$t(desktop:menu.file): left to Electron and Chromium, unused by the app.',
      'Unknown option --lng: left to Electron and Chromium, unused by the app.',
      'Unknown option -{{warning}}<b>: ignored.',
      '--data-dir needs a folder: ignored, using the default data folder.',
    ]);
    expect(said('ja')).toEqual([
      '--port はブラウザーホストのオプションです。デスクトップアプリでは使用しません。',
      '--{{option}} はアプリのオプションではありません。Electron と Chromium に渡し、アプリでは使用しません。',
      '--$t(desktop:menu.file) はアプリのオプションではありません。Electron と Chromium に渡し、アプリでは使用しません。',
      '--lng はアプリのオプションではありません。Electron と Chromium に渡し、アプリでは使用しません。',
      '-{{warning}}<b> というオプションはありません。無視します。',
      '--data-dir にフォルダーが指定されていないため無視し、既定のデータフォルダーを使用します。',
    ]);
  });
});

describe('argsAfterApp', () => {
  it('drops the executable, and the app folder when running from sources, wherever Chromium put its switches', () => {
    expect(argsAfterApp(['/opt/Media Desk/media-desk', '--no-sandbox', 'a.jpg'], true)).toEqual(['--no-sandbox', 'a.jpg']);
    expect(argsAfterApp(['electron', '.', 'a.jpg'], false)).toEqual(['a.jpg']);
    expect(argsAfterApp(['electron', '--allow-file-access-from-files', '.', '--data-dir=/d', 'a.jpg'], false)).toEqual(['--allow-file-access-from-files', '--data-dir=/d', 'a.jpg']);
  });
});
