// The hosts' command line (browser host, Electron), read with the one parser.
import path from 'node:path';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultCacheDir, defaultDataDir, parseHostArgs } from '../../../main/app/paths.js';

describe('parseHostArgs', () => {
  it('reads --data-dir and --port in both spellings, with defaults', () => {
    expect(parseHostArgs(['--data-dir', 'some/dir', '--port=8080'])).toEqual({ dataDir: path.resolve('some/dir'), port: 8080, downloads: undefined, unknown: [] });
    expect(parseHostArgs([])).toEqual({ dataDir: path.resolve(defaultDataDir()), port: undefined, downloads: undefined, unknown: [] });
  });

  it('stops, by default, at anything else', () => {
    expect(() => parseHostArgs(['--verbose'])).toThrow('Unknown option --verbose. Options: --data-dir, --port.');
    expect(() => parseHostArgs(['photo.jpg'])).toThrow(/Unexpected argument "photo\.jpg"/);
    expect(() => parseHostArgs(['--port'])).toThrow('--port needs a value.');
    expect(() => parseHostArgs(['--data-dir='])).toThrow('--data-dir needs a value.');
    for (const port of ['70000', '-1', '1.5', 'abc']) expect(() => parseHostArgs([`--port=${port}`]), port).toThrow('--port must be from 0 to 65535.');
  });

  it('when tolerant, keeps what the runtime added aside and still reads its own options', () => {
    expect(parseHostArgs(['--no-sandbox', '-psn_0_42', '--data-dir=/d', '/Users/me/photo.jpg'], { strict: false })).toEqual({
      dataDir: path.resolve('/d'),
      port: undefined,
      downloads: undefined,
      unknown: ['--no-sandbox', '-psn_0_42'],
    });
  });
});

describe('the Downloads folder option', () => {
  it("takes the browser host's Downloads folder from --downloads only, as a full path", () => {
    expect(parseHostArgs(['--downloads', 'dl', '--data-dir', '/tmp/d'], { downloads: true })).toEqual({ dataDir: '/tmp/d', port: undefined, downloads: path.resolve('dl'), unknown: [] });
    expect(parseHostArgs(['--data-dir=/tmp/d'], { downloads: true }).downloads).toBeUndefined();
    expect(() => parseHostArgs(['--downloads'], { downloads: true })).toThrow(/needs a value/);
  });
  it('refuses --downloads where the host does not take it (Electron asks with its dialog)', () => {
    expect(() => parseHostArgs(['--downloads', '/tmp/x'])).toThrow(/Unknown option --downloads/);
  });
});

describe('defaultCacheDir', () => {
  it('is the OS’s per-user cache folder, never the data folder', () => {
    const home = os.homedir();
    expect(defaultCacheDir('linux', { XDG_CACHE_HOME: '/x/cache' })).toBe(path.join('/x/cache', 'Media Desk'));
    expect(defaultCacheDir('linux', {})).toBe(path.join(home, '.cache', 'Media Desk'));
    expect(defaultCacheDir('linux', { XDG_CACHE_HOME: '' })).toBe(path.join(home, '.cache', 'Media Desk'));
    expect(defaultCacheDir('darwin', {})).toBe(path.join(home, 'Library', 'Caches', 'Media Desk'));
    expect(defaultCacheDir('win32', { LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' })).toBe(path.join('C:\\Users\\a\\AppData\\Local', 'Media Desk', 'Cache'));
    expect(defaultCacheDir('linux', {})).not.toBe(defaultDataDir('linux', {}));
  });
});
