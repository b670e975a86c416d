// electron-builder.yml: valid for electron-builder's own schema, hardened (asar, fuses), the installers the
// issue asks for, icons that exist in every format and match their drawing, and no signing secret in the file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { APP_ID } from '../../main/common/app-commands';
import { APP_BUILDER_LIB, ROOT, convertIcon, readBuilderConfig, readPackageJson, type BuilderConfig } from './project';

const config = readBuilderConfig();

function section(name: string): BuilderConfig {
  const value = config[name];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`electron-builder.yml has no "${name}" section`);
  return value as BuilderConfig;
}

/** A platform's `target` as a list of names, whatever form it is written in. */
function targetNames(platform: string): string[] {
  const target = section(platform).target;
  const list = Array.isArray(target) ? target : [target];
  return list.map((t) => (typeof t === 'string' ? t : (t as { target: string }).target)).map((t) => t.toLowerCase());
}

function walk(value: unknown, visit: (key: string, value: unknown, where: string) => void, where = ''): void {
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    const here = where ? `${where}.${key}` : key;
    visit(key, child, here);
    walk(child, visit, here);
  }
}

describe('electron-builder.yml', () => {
  it("validates against electron-builder's own schema (app-builder-lib/scheme.json)", () => {
    const scheme = JSON.parse(readFileSync(path.join(APP_BUILDER_LIB, 'scheme.json'), 'utf8')) as object;
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(scheme);
    const valid = validate(config);
    expect(ajv.errorsText(validate.errors, { separator: '\n' }), 'schema errors').toBe('No errors');
    expect(valid).toBe(true);
  });

  it('is the configuration electron-builder reads: package.json has no "build" key shadowing it', () => {
    // electron-builder uses package.json's "build" when present and silently ignores electron-builder.yml.
    expect(readPackageJson().build).toBeUndefined();
  });

  it('names the app and keeps installers out of the build folder that gets packed', () => {
    expect(config.appId).toBe('app.mediadesk.desktop');
    expect(config.productName).toBe('Media Desk');
    expect(readPackageJson().productName).toBe(config.productName);
    const output = (section('directories').output as string | undefined) ?? 'dist';
    // electron-builder's default output is dist/, which is where `npm run build` puts the app itself.
    expect(output).toBe('release');
    expect(readFileSync(path.join(ROOT, '.gitignore'), 'utf8')).toMatch(/^\/?release\/?$/m);
  });

  it("gives Windows the same AppUserModelId the app sets at start (main/common's APP_ID)", () => {
    expect(config.appId).toBe(APP_ID);
  });

  it('publishes updates to a generic feed whose placeholder host cannot resolve (.invalid) until a real one is set', () => {
    const publish = section('publish');
    expect(publish.provider).toBe('generic');
    expect(new URL(String(publish.url)).hostname).toMatch(/\.invalid$/);
  });

  it('packs the app into an asar with nothing unpacked beside it (unpacked files escape integrity checks)', () => {
    expect(config.asar).toBe(true);
    const unpacked: string[] = [];
    walk(config, (key, _value, where) => {
      if (key === 'asarUnpack' || (key === 'asar' && where !== 'asar')) unpacked.push(where);
    });
    expect(unpacked).toEqual([]);
  });

  it('sets the Electron fuses for a hardened app', () => {
    expect(section('electronFuses')).toEqual({
      runAsNode: false,
      enableNodeCliInspectArguments: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds AppImage and deb on Linux, NSIS on Windows, dmg and zip on macOS', () => {
    expect(targetNames('linux').sort()).toEqual(['appimage', 'deb']);
    expect(targetNames('win')).toEqual(['nsis']);
    expect(targetNames('mac').sort()).toEqual(['dmg', 'zip']);
  });

  it('keeps every signing and notarization secret out of the file (they come from CSC_LINK, APPLE_ID… in the environment)', () => {
    const found: string[] = [];
    walk(config, (key, value, where) => {
      if (/^csc|password|secret|token|^appleId|^apiKey|^teamId$/i.test(key)) found.push(where);
      if (typeof value === 'string' && (/-----BEGIN|\.(p12|pfx|pem|key)$/i.test(value) || /[A-Za-z0-9+/=]{64,}/.test(value))) found.push(`${where}: ${value.slice(0, 20)}…`);
    });
    expect(found).toEqual([]);
    // Notarization runs whenever the APPLE_* variables are set; `false` would turn it off for good.
    expect(section('mac').notarize).not.toBe(false);
  });

  it('needs no native module rebuild (npmRebuild: false is only safe while no production dependency is native)', () => {
    expect(config.npmRebuild).toBe(false);
    const native: string[] = [];
    for (const name of Object.keys(readPackageJson().dependencies ?? {})) {
      const dir = path.join(ROOT, 'node_modules', name);
      if (existsSync(path.join(dir, 'binding.gyp')) || (existsSync(path.join(dir, 'build', 'Release')) && readdirSync(path.join(dir, 'build', 'Release')).some((f) => f.endsWith('.node')))) native.push(name);
    }
    expect(native).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------------------------
// Icons: the files the config points at, read back as the OS would.

function pngSize(buf: Buffer): { width: number; height: number } {
  expect(buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'PNG signature').toBe(true);
  expect(buf.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

function iconPath(platform: string): string {
  const icon = section(platform).icon;
  expect(typeof icon, `${platform}.icon`).toBe('string');
  return path.join(ROOT, icon as string);
}

describe('the app icons', () => {
  it('Linux: a folder of NxN.png files, 16 to 512 px, each the size its name says', () => {
    const dir = iconPath('linux');
    const sizes: number[] = [];
    for (const name of readdirSync(dir)) {
      const match = /^(\d+)x(\d+)\.png$/.exec(name);
      expect(match, `unexpected file ${name}`).not.toBeNull();
      const size = Number(match?.[1]);
      expect(pngSize(readFileSync(path.join(dir, name)))).toEqual({ width: size, height: size });
      sizes.push(size);
    }
    expect(sizes.sort((a, b) => a - b)).toEqual(expect.arrayContaining([16, 32, 48, 64, 128, 256, 512]));
  });

  it('Windows: an .ico with 16, 24, 32, 48 and 256 px images whose headers agree with the directory', () => {
    const ico = readFileSync(iconPath('win'));
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const entry = 6 + i * 16;
      const size = ico[entry] === 0 ? 256 : (ico[entry] as number);
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      const image = ico.subarray(offset, offset + length);
      if (image.readUInt32BE(0) === 0x89504e47) {
        expect(pngSize(image)).toEqual({ width: size, height: size });
      } else {
        // BITMAPINFOHEADER: 40 bytes, width, height × 2 (image + mask), 32 bits per pixel.
        expect([image.readUInt32LE(0), image.readInt32LE(4), image.readInt32LE(8), image.readUInt16LE(14)]).toEqual([40, size, size * 2, 32]);
        expect(length).toBe(40 + size * size * 4 + Math.ceil(size / 32) * 4 * size);
      }
      sizes.push(size);
    }
    expect(sizes).toEqual(expect.arrayContaining([16, 24, 32, 48, 256]));
  });

  it('macOS: an .icns whose entries are PNGs of the size their type says, up to 1024 px', () => {
    const icns = readFileSync(iconPath('mac'));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const expected: Record<string, number> = { icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512, ic10: 1024, ic11: 32, ic12: 64, ic13: 256, ic14: 512 };
    const types: string[] = [];
    for (let offset = 8; offset < icns.length; ) {
      const type = icns.toString('latin1', offset, offset + 4);
      const length = icns.readUInt32BE(offset + 4);
      expect(length).toBeGreaterThan(8);
      const size = expected[type];
      expect(size, `unexpected icns entry ${type}`).toBeDefined();
      expect(pngSize(icns.subarray(offset + 8, offset + length))).toEqual({ width: size, height: size });
      types.push(type);
      offset += length;
    }
    expect(types).toEqual(expect.arrayContaining(['ic07', 'ic08', 'ic09', 'ic10']));
  });

  it('are taken by electron-builder as they are (converting them would need a download)', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'md-icons-'));
    try {
      for (const [platform, format] of [['linux', 'set'], ['win', 'ico'], ['mac', 'icns']] as const) {
        const icon = section(platform).icon as string;
        const result = await convertIcon({ sources: [icon], fallbackSources: [], roots: [path.join(ROOT, 'build'), ROOT], format, outDir: path.join(out, format) });
        expect(result.error, `${platform}: ${result.error}`).toBeUndefined();
        expect(result.isFallback).toBe(false);
        // Every file handed back is one of ours, not a converted copy.
        for (const { file } of result.icons) expect(path.relative(ROOT, file).replace(/\\/g, '/').startsWith(icon)).toBe(true);
        if (format === 'set') expect(result.icons.map((i) => i.size)).toEqual(expect.arrayContaining([16, 32, 48, 256, 512]));
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('match their drawing in scripts/make-icons.mjs (run `node scripts/make-icons.mjs` after changing it)', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts/make-icons.mjs'), '--check'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
