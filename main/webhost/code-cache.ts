// Runs a CommonJS bundle with V8's code cache. Compiling the browser host's 2 MB bundle (and then each function it
// calls while starting) is the largest piece of its start before it listens; V8 can keep the compiled code in a
// file and load it instead. What V8 checks before using such a file is little more than the source's length, so a
// cache is used only when its header names the exact bundle (SHA-256 of its text), this Node and V8, and the SHA-256
// of its payload, and (POSIX) the file is this user's and writable by no one else: anyone able to write it could
// otherwise have their code run here. Anything else is ignored and, at exit, replaced.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

const MAGIC = 'media-desk-code-cache/1';
/** Other builds' caches kept beside this one (several checkouts or versions on one machine). */
const KEEP_OTHERS = 3;

/** What became of the cache: used, or why not. */
export type CodeCacheState = 'used' | 'missing' | 'untrusted' | 'corrupt' | 'stale' | 'rejected';

interface Header {
  magic: string;
  sourceSha256: string;
  node: string;
  v8: string;
  arch: string;
  payloadBytes: number;
  payloadSha256: string;
}

export interface BundleRun {
  state: CodeCacheState;
  cacheFile: string;
  /** The bundle's module.exports. */
  exports: unknown;
  /** Writes the cache from the code compiled so far (call late: at exit it holds every function the run needed). */
  save(): boolean;
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

function expectedHeader(sourceSha256: string): Omit<Header, 'payloadBytes' | 'payloadSha256'> {
  return { magic: MAGIC, sourceSha256, node: process.version, v8: process.versions.v8, arch: process.arch };
}

/** Only this user's own file, which no one else may write, is read (an unowned or shared one could be planted). */
function trustworthy(stat: fs.Stats): boolean {
  if (!stat.isFile()) return false;
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return true;
  return stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
}

function readCache(cacheFile: string, sourceSha256: string): { state: CodeCacheState; payload?: Buffer } {
  let fd: number;
  try {
    fd = fs.openSync(cacheFile, 'r');
  } catch {
    return { state: 'missing' };
  }
  try {
    if (!trustworthy(fs.fstatSync(fd))) return { state: 'untrusted' };
    const file = fs.readFileSync(fd);
    const newline = file.indexOf(0x0a);
    if (newline < 0 || newline > 4096) return { state: 'corrupt' };
    let header: Partial<Header>;
    try {
      header = JSON.parse(file.subarray(0, newline).toString('utf8')) as Partial<Header>;
    } catch {
      return { state: 'corrupt' };
    }
    const expected = expectedHeader(sourceSha256);
    if (header.magic !== expected.magic) return { state: 'corrupt' };
    if (header.sourceSha256 !== expected.sourceSha256 || header.node !== expected.node || header.v8 !== expected.v8 || header.arch !== expected.arch) {
      return { state: 'stale' };
    }
    const payload = file.subarray(newline + 1);
    if (payload.length !== header.payloadBytes || sha256(payload) !== header.payloadSha256) return { state: 'corrupt' };
    return { state: 'used', payload };
  } finally {
    fs.closeSync(fd);
  }
}

function writeCache(cacheFile: string, sourceSha256: string, payload: Buffer): void {
  const dir = path.dirname(cacheFile);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const header: Header = { ...expectedHeader(sourceSha256), payloadBytes: payload.length, payloadSha256: sha256(payload) };
  const temp = `${cacheFile}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), payload]), { mode: 0o600 });
    fs.renameSync(temp, cacheFile);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/** Removes other builds' caches of the same bundle beyond the newest few. */
function pruneOthers(cacheFile: string, prefix: string): void {
  const dir = path.dirname(cacheFile);
  const others = fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && name.endsWith('.v8cache') && name !== path.basename(cacheFile))
    .map((name) => ({ file: path.join(dir, name), mtime: fs.statSync(path.join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of others.slice(KEEP_OTHERS)) fs.rmSync(old.file, { force: true });
}

/**
 * Runs `bundlePath` as Node would run it as the main module (same wrapper, require, __dirname), compiled from the
 * cache in `cacheDir` when a trustworthy one for exactly this text exists.
 */
export function runBundleWithCodeCache(bundlePath: string, cacheDir: string): BundleRun {
  const source = fs.readFileSync(bundlePath, 'utf8');
  const sourceSha256 = sha256(source);
  const prefix = `${path.basename(bundlePath, path.extname(bundlePath))}-`;
  const cacheFile = path.join(cacheDir, `${prefix}${sourceSha256.slice(0, 16)}.v8cache`);
  const cached = readCache(cacheFile, sourceSha256);
  const script = new vm.Script(Module.wrap(source), { filename: bundlePath, cachedData: cached.payload });
  const state: CodeCacheState = cached.payload && script.cachedDataRejected === true ? 'rejected' : cached.state;
  const save = (): boolean => {
    try {
      writeCache(cacheFile, sourceSha256, script.createCachedData());
      pruneOthers(cacheFile, prefix);
      return true;
    } catch {
      return false; // a cache is an optimisation: a read-only or full disk only costs the next start its compile
    }
  };
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  const mod = new Module(bundlePath);
  mod.filename = bundlePath;
  wrapper.call(mod.exports, mod.exports, createRequire(bundlePath), mod, bundlePath, path.dirname(bundlePath));
  mod.loaded = true;
  return { state, cacheFile, exports: mod.exports, save };
}
