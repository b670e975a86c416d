// A real `electron-builder --dir` run of electron-builder.yml, with a stand-in Electron distribution (the real one
// cannot be downloaded here): what lands in app.asar, and the fuses electron-builder flips in the executable.
//
// The stand-in is a shell script that carries Electron's fuse wire (the sentinel @electron/fuses looks for, then
// the wire version and the fuse states Electron ships with), so electron-builder's own fuse step runs unchanged and
// the test reads back what it wrote.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { SENTINEL } from '@electron/fuses/dist/constants';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FILES } from '../../main/sandbox/assets';
import { ROOT, readPackageJson } from './project';

const BUILT = ['dist/main/electron.cjs', 'dist/preload/index.cjs', 'dist/renderer/index.html'];
/** Electron's own fuse states, in wire order ('1' on, '0' off): what an unmodified binary carries. */
const ELECTRON_DEFAULT_WIRE = '10110001';

let work: string;
let appOut: string;
let asarPath: string;
let files: string[];

function ensureBuilt(): void {
  const missing = () => BUILT.filter((f) => !existsSync(path.join(ROOT, f)));
  if (missing().length > 0) {
    // `npm test` builds before Vitest; a bare `vitest run` on a fresh checkout builds here.
    const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
    if (missing().length > 0) {
      throw new Error(`The app is not built (missing ${missing().join(', ')}) and \`node scripts/build.mjs\` did not build it:\n${build.stdout}\n${build.stderr}`);
    }
  }
}

function writeStandInElectron(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const wire = Buffer.from(ELECTRON_DEFAULT_WIRE, 'latin1');
  const body = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron for packaging tests"\nexit 0\n# '),
    Buffer.from(SENTINEL, 'latin1'),
    Buffer.from([1, wire.length]), // fuse wire version 1, then its length
    wire,
    Buffer.from('\n'),
  ]);
  writeFileSync(path.join(dir, 'electron'), body, { mode: 0o755 });
}

beforeAll(() => {
  ensureBuilt();
  work = mkdtempSync(path.join(os.tmpdir(), 'md-package-'));
  const electronDist = path.join(work, 'electron-dist');
  const output = path.join(work, 'release');
  writeStandInElectron(electronDist);
  const env: NodeJS.ProcessEnv = { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false', ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
  for (const secret of ['CSC_LINK', 'CSC_KEY_PASSWORD', 'WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD', 'GH_TOKEN']) delete env[secret];
  const result = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/electron-builder/cli.js'),
      '--dir',
      '--linux',
      '--x64',
      '--publish=never',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${output}`,
    ],
    { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 },
  );
  const builderLog = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0) throw new Error(`electron-builder --dir failed (exit ${result.status}):\n${builderLog}`);
  appOut = path.join(output, 'linux-unpacked');
  asarPath = path.join(appOut, 'resources', 'app.asar');
  if (!existsSync(asarPath)) throw new Error(`electron-builder wrote no ${path.relative(work, asarPath)} (is asar on in electron-builder.yml?):\n${builderLog}`);
  files = listPackage(asarPath, { isPack: false }).map((f) => f.replace(/\\/g, '/'));
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('electron-builder --dir with a stand-in Electron', () => {
  it('packs the app into resources/app.asar only: no app/ folder, nothing unpacked', () => {
    expect(statSync(asarPath).isFile()).toBe(true);
    expect(existsSync(path.join(appOut, 'resources', 'app'))).toBe(false);
    expect(existsSync(path.join(appOut, 'resources', 'app.asar.unpacked'))).toBe(false);
    expect(existsSync(path.join(appOut, 'media-desk')), 'the executable, renamed after linux.executableName').toBe(true);
  });

  it('contains the main, preload and renderer bundles, and the entry point package.json names', () => {
    expect(files).toEqual(expect.arrayContaining(BUILT.map((f) => `/${f}`)));
    const rendererFiles = readdirSync(path.join(ROOT, 'dist/renderer'), { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && !d.name.endsWith('.map'))
      .map((d) => `/${path.relative(ROOT, path.join(d.parentPath, d.name)).replace(/\\/g, '/')}`);
    expect(rendererFiles.some((f) => f.endsWith('.js'))).toBe(true);
    expect(files).toEqual(expect.arrayContaining(rendererFiles));
    const packed = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as { main?: string; devDependencies?: unknown; scripts?: unknown };
    expect(packed.main).toBe(readPackageJson().main);
    expect(files).toContain(`/${packed.main}`);
    expect(packed.devDependencies).toBeUndefined();
  });

  it("contains the sandbox's demo media", () => {
    const demo = [...DEMO_FILES.images, DEMO_FILES.video, DEMO_FILES.voicemail].map((f) => `/assets/demo/${f}`);
    expect(files).toEqual(expect.arrayContaining(demo));
  });

  it('contains no tests, sources, source maps, Node-only CLIs or signing material', () => {
    const offending = files.filter(
      (f) =>
        /\.(ts|tsx|mts|cts|map)$/.test(f) ||
        /^\/(test|main|preload|renderer|scripts|specs|release)(\/|$)/.test(f) ||
        /^\/dist\/main\/(webhost|sandbox)\.cjs$/.test(f) ||
        /\.(test|spec)\.[cm]?js$/.test(f) ||
        /(^|\/)(\.env[^/]*|[^/]+\.(p12|pfx|pem|key|keystore))$/.test(f) ||
        /^\/(tsconfig|vitest\.config|playwright\.config|electron-builder)\b/.test(f),
    );
    expect(offending).toEqual([]);
  });

  it('holds only the bundles, the demo media and package.json: esbuild inlines every dependency, so no node_modules', () => {
    const allowed = (f: string) =>
      f === '/package.json' ||
      /^\/dist\/main\/electron\.cjs$/.test(f) ||
      /^\/dist\/preload\/index\.cjs$/.test(f) ||
      /^\/dist\/renderer\/[^/].*$/.test(f) ||
      /^\/assets\/demo\/[^/]+\.(jpg|mp4|mp3)$/.test(f) ||
      // asar lists the folders on the way to each file
      ['/dist', '/dist/main', '/dist/preload', '/dist/renderer', '/assets', '/assets/demo'].includes(f);
    expect(files.filter((f) => !allowed(f))).toEqual([]);
    expect(files.some((f) => f.includes('/node_modules/'))).toBe(false);
    const pkg = readPackageJson();
    expect(pkg.dependencies ?? {}, 'dependencies ship in app.asar; what the bundles inline belongs in devDependencies').toEqual({});
    expect(Object.keys(pkg.devDependencies ?? {})).toEqual(expect.arrayContaining(['vitest', 'electron-builder', 'electron', 'react', 'zod', 'electron-updater']));
  });

  it("writes app-update.yml next to app.asar from electron-builder.yml's publish settings, for electron-updater", () => {
    const updateConfig = readFileSync(path.join(appOut, 'resources', 'app-update.yml'), 'utf8');
    expect(updateConfig).toMatch(/^provider: generic$/m);
    expect(updateConfig).toMatch(/^url: https:\/\/updates\.media-desk\.invalid\/media-desk\/?$/m);
  });

  it('flips the hardening fuses in the packaged executable', async () => {
    const wire = await getCurrentFuseWire(path.join(appOut, 'media-desk'));
    const state = (fuse: FuseV1Options) => String.fromCharCode(Number(wire[fuse]));
    expect({
      runAsNode: state(FuseV1Options.RunAsNode),
      enableCookieEncryption: state(FuseV1Options.EnableCookieEncryption),
      enableNodeOptionsEnvironmentVariable: state(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
      enableNodeCliInspectArguments: state(FuseV1Options.EnableNodeCliInspectArguments),
      enableEmbeddedAsarIntegrityValidation: state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
      onlyLoadAppFromAsar: state(FuseV1Options.OnlyLoadAppFromAsar),
      loadBrowserProcessSpecificV8Snapshot: state(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot),
      grantFileProtocolExtraPrivileges: state(FuseV1Options.GrantFileProtocolExtraPrivileges),
    }).toEqual({
      runAsNode: '0',
      enableCookieEncryption: '1',
      enableNodeOptionsEnvironmentVariable: '0',
      enableNodeCliInspectArguments: '0',
      enableEmbeddedAsarIntegrityValidation: '1',
      onlyLoadAppFromAsar: '1',
      loadBrowserProcessSpecificV8Snapshot: '0', // left as Electron ships it
      grantFileProtocolExtraPrivileges: '0',
    });
  });
});
