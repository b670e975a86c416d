// The static security scan of the Electron edge: @doyensec/electronegativity over main/ and preload/ (their
// TypeScript sources, scanned together so its whole-app checks see the navigation and permission guards in main
// while checking the preload), gated on HIGH and MEDIUM findings against a reviewed allow-list.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyAllowList,
  describeFinding,
  globToRegExp,
  knownCheckIds,
  readAllowList,
  scan,
  type AllowEntry,
  type Finding,
  type ScanResult,
} from './electronegativity-gate';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ALLOW_LIST = path.join(ROOT, 'test/security/electronegativity-allowlist.json');
const ELECTRON_VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

let work: string;
let app: ScanResult;
let canary: ScanResult;
const entries: AllowEntry[] = readAllowList(ALLOW_LIST);

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'md-electronegativity-'));
  // main/ and preload/ only (not tests, renderer or node_modules), keeping their paths for the report.
  const sources = path.join(work, 'app');
  for (const dir of ['main', 'preload']) {
    cpSync(path.join(ROOT, dir), path.join(sources, dir), { recursive: true, filter: (src) => !path.extname(src) || /\.(ts|tsx|js|cjs|mjs|html)$/.test(src) });
  }
  app = await scan(sources, ELECTRON_VERSION);

  // A window with every classic mistake: proves the scan is live and that the gate stops such code.
  const bad = path.join(work, 'canary');
  mkdirSync(path.join(bad, 'main', 'electron'), { recursive: true });
  writeFileSync(
    path.join(bad, 'main', 'electron', 'insecure-window.js'),
    [
      "const { BrowserWindow, shell } = require('electron');",
      'const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });',
      "win.webContents.on('will-navigate', (event, url) => shell.openExternal(url));",
      "win.loadURL('http://example.com/');",
      '',
    ].join('\n'),
  );
  canary = await scan(bad, ELECTRON_VERSION);
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('electronegativity over main/ and preload/', () => {
  it('parses every file (a file it cannot parse would go unchecked)', () => {
    expect(app.errors.filter((e) => !e.tolerable).map((e) => `${e.file}: ${e.message}`)).toEqual([]);
  });

  it('finds nothing of HIGH or MEDIUM severity beyond the reviewed allow-list', () => {
    const { blocking } = applyAllowList(app.issues, entries);
    // Each of these needs a fix in main/ or preload/, or (if it is a false positive) a reviewed allow-list entry.
    expect(blocking).toEqual([]);
  });

  it('has no allow-list entry that no longer matches a finding (remove it)', () => {
    const { used } = applyAllowList(app.issues, entries);
    const stale = entries.filter((_e, i) => used[i] === 0).map((e) => `${e.id} ${e.file} ${e.match ?? ''}`);
    expect(stale).toEqual([]);
  });

  it('stops a window without isolation, sandbox or web security, loading http and opening any link', () => {
    const { blocking } = applyAllowList(canary.issues, entries);
    const ids = new Set(canary.issues.filter((f) => blocking.includes(describeFinding(f))).map((f) => f.id));
    // (nodeIntegration: true is only INFORMATIONAL for this tool; contextIsolation: false is what exposes Node.)
    for (const id of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'HTTP_RESOURCES_JS_CHECK', 'OPEN_EXTERNAL_JS_CHECK']) {
      expect(ids).toContain(id);
    }
  });
});

describe('the allow-list', () => {
  const known = knownCheckIds();

  it.each(entries.map((e) => [`${e.id} ${e.file}`, e] as const))('%s is a reviewed, specific entry', (_name, entry) => {
    expect(known.has(entry.id), `unknown check id ${entry.id}`).toBe(true);
    expect(entry.file === 'N/A' || /^(main|preload)\//.test(entry.file), 'a path under main/ or preload/, or N/A').toBe(true);
    expect(Number.isInteger(entry.max) && entry.max >= 1).toBe(true);
    expect(entry.reason.length, 'a written reason').toBeGreaterThanOrEqual(80);
  });
});

describe('the gate', () => {
  const finding = (over: Partial<Finding> = {}): Finding => ({
    id: 'OPEN_EXTERNAL_JS_CHECK',
    severity: { name: 'MEDIUM', value: 2 },
    confidence: { name: 'TENTATIVE', value: 0 },
    file: 'main/electron/main.ts',
    location: { line: 1, column: 0 },
    sample: 'shell.openExternal(validateExternalUrl(raw))',
    description: 'test',
    manualReview: true,
    ...over,
  });
  const entry: AllowEntry = { id: 'OPEN_EXTERNAL_JS_CHECK', file: 'main/electron/*.ts', match: 'validateExternalUrl(', max: 1, reason: 'x' };

  it('lets a covered finding through, up to max', () => {
    expect(applyAllowList([finding()], [entry])).toEqual({ blocking: [], used: [1] });
    expect(applyAllowList([finding(), finding({ location: { line: 2, column: 0 } })], [entry]).blocking).toHaveLength(1);
  });

  it('blocks a finding of another check, file or line text', () => {
    expect(applyAllowList([finding({ id: 'SANDBOX_JS_CHECK' })], [entry]).blocking).toHaveLength(1);
    expect(applyAllowList([finding({ file: 'main/app/other.ts' })], [entry]).blocking).toHaveLength(1);
    expect(applyAllowList([finding({ sample: 'shell.openExternal(url)' })], [entry]).blocking).toHaveLength(1);
  });

  it('gates HIGH and MEDIUM only', () => {
    expect(applyAllowList([finding({ severity: { name: 'HIGH', value: 3 } })], []).blocking).toHaveLength(1);
    expect(applyAllowList([finding({ severity: { name: 'LOW', value: 1 } })], []).blocking).toHaveLength(0);
    expect(applyAllowList([finding({ severity: { name: 'INFORMATIONAL', value: 0 } })], []).blocking).toHaveLength(0);
  });

  it('reads * within a folder and ** across folders', () => {
    expect(globToRegExp('main/app/handlers/*.ts').test('main/app/handlers/core.ts')).toBe(true);
    expect(globToRegExp('main/app/handlers/*.ts').test('main/app/handlers/x/core.ts')).toBe(false);
    expect(globToRegExp('main/**').test('main/a/b.ts')).toBe(true);
    expect(globToRegExp('main/electron/main.ts').test('main/electron/mainXts')).toBe(false);
  });
});
