// The browser host's bundle runs through V8's code cache (main/webhost/code-cache.ts): a cache is used only for the
// exact text it was made from, intact, and owned by this user; anything else is ignored, the bundle's current code
// runs, and a new cache is written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBundleWithCodeCache } from '../../../main/webhost/code-cache.js';

let work: string;
let cacheDir: string;
let bundle: string;

/** A bundle that uses what a CommonJS bundle uses (require, __dirname, module.exports) and says which text ran. */
function writeBundle(word: string): void {
  const filler = Array.from({ length: 200 }, (_, i) => `function f${i}(x) { return x * ${i} + 1; }`).join('\n');
  fs.writeFileSync(bundle, `const path = require('node:path');\n${filler}\nmodule.exports = { word: ${JSON.stringify(word)}, dir: path.basename(__dirname), sum: f7(2) };\n`);
}

const run = () => runBundleWithCodeCache(bundle, cacheDir);

beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'code-cache-'));
  cacheDir = path.join(work, 'cache');
  fs.mkdirSync(path.join(work, 'dist'));
  bundle = path.join(work, 'dist', 'app.cjs');
  writeBundle('alpha');
});

afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

describe('the code cache of the browser host’s bundle', () => {
  it('runs the bundle as Node would without a cache, saves one, and the next start uses it', () => {
    const first = run();
    expect(first.state).toBe('missing');
    expect(first.exports).toEqual({ word: 'alpha', dir: 'dist', sum: 15 });
    expect(first.save()).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(first.cacheFile).mode & 0o777).toBe(0o600);
    const second = run();
    expect(second.state).toBe('used');
    expect(second.exports).toEqual({ word: 'alpha', dir: 'dist', sum: 15 });
  });

  it('ignores a cache made from another text of the same length, even under this text’s name (V8 alone would run the old code)', () => {
    const old = run();
    old.save();
    writeBundle('omega'); // same length: V8's own check compares little more than the length
    const fresh = run();
    expect(fresh.cacheFile).not.toBe(old.cacheFile);
    fs.copyFileSync(old.cacheFile, fresh.cacheFile);
    const planted = run();
    expect(planted.state).toBe('stale');
    expect(planted.exports).toMatchObject({ word: 'omega' });
  });

  it('ignores a damaged cache (a flipped byte, a cut file, garbage) and replaces it at the next save', () => {
    const made = run();
    made.save();
    const good = fs.readFileSync(made.cacheFile);
    const flipped = Buffer.from(good);
    const at = flipped.length - 100;
    flipped[at] = (flipped[at] ?? 0) ^ 0xff;
    for (const damaged of [flipped, good.subarray(0, good.length - 10), Buffer.from('not a cache at all')]) {
      fs.writeFileSync(made.cacheFile, damaged, { mode: 0o600 });
      const next = run();
      expect(next.state).toBe('corrupt');
      expect(next.exports).toMatchObject({ word: 'alpha', sum: 15 });
    }
    expect(run().save()).toBe(true);
    expect(run().state).toBe('used');
  });

  it.skipIf(process.platform === 'win32')('ignores a cache that others may write', () => {
    const made = run();
    made.save();
    fs.chmodSync(made.cacheFile, 0o666);
    const next = run();
    expect(next.state).toBe('untrusted');
    expect(next.exports).toMatchObject({ word: 'alpha' });
  });

  it('keeps a few other builds’ caches and removes older ones', () => {
    for (const word of ['one', 'two', 'three', 'four', 'five']) {
      writeBundle(word);
      run().save();
    }
    expect(fs.readdirSync(cacheDir).filter((name) => name.endsWith('.v8cache'))).toHaveLength(4);
  });

  it('a cache that cannot be written costs nothing but the next start’s compile', () => {
    fs.writeFileSync(cacheDir, 'a file where the folder should be');
    const first = run();
    expect(first.save()).toBe(false);
    expect(first.exports).toMatchObject({ word: 'alpha' });
  });
});
