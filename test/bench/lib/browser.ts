// The browser host (dist/main/webhost.cjs, as `npm run start:web` runs it) driven by Chromium through Playwright:
// how long until the first screen is interactive, and how a folder of many files renders.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { ROOT, spawnTracked } from './children.js';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export function chromiumPath(): string | undefined {
  for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true, timeout: 60_000 });
}

export interface StartedHost {
  url: string;
  /** From spawn to the "Browser host ready" line. */
  readyMs: number;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export const WEBHOST = path.join(ROOT, 'dist', 'main', 'webhost.cjs');

/**
 * Spawns the browser host on a data dir; `started` is the caller's clock at spawn time. `codeCacheDir`: where it
 * keeps its compiled code (MEDIA_DESK_CACHE_DIR), else the user's cache folder.
 */
export async function startHost(dataDir: string, started: number, timeoutMs = 30_000, codeCacheDir?: string): Promise<StartedHost> {
  const env = codeCacheDir ? { ...process.env, MEDIA_DESK_CACHE_DIR: codeCacheDir } : process.env;
  const child = spawnTracked(process.execPath, [WEBHOST, '--data-dir', dataDir], { env });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the browser host did not start within ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
      const check = (): void => {
        const match = /Browser host ready: (\S+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout?.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the browser host exited (${code}):\n${output}`));
      });
    });
    return { url, readyMs: performance.now() - started, process: child, output: () => output, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

// Functions evaluated in the page (Playwright sends them through CDP, which the app's CSP allows, unlike a string
// evaluated with eval). This project type-checks without the DOM library, so they describe what they touch.
interface PageElement {
  disabled?: boolean;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}
interface PageDocument {
  body: unknown;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<unknown>;
  createTreeWalker(root: unknown, whatToShow: number): { nextNode(): { nodeValue: string | null } | null };
  addEventListener(type: string, listener: () => void, options: { capture: boolean; once: boolean }): void;
}

/** What the page records for the render measurement, in its own clock (performance.now()). */
interface RenderMarks {
  /** The event that opens the folder (dblclick on a grid row, else click). */
  openAt?: number;
  /** First DOM mutation after which a file row (seed-NNNNN.jpg) is in the page. */
  rowsInDomAt?: number;
  /** The first frame after that (a task queued from requestAnimationFrame runs after the frame is painted). */
  paintedAt?: number;
  /** The library.getFolder answer (the last /api/invoke resource timing entry that started after openAt). */
  answerStartAt?: number;
  answerEndAt?: number;
  answerBytes?: number;
}

interface PageWindow {
  document: PageDocument;
  __benchRender?: RenderMarks;
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: { childList: boolean; subtree: boolean; characterData: boolean }): void; disconnect(): void };
  requestAnimationFrame(callback: () => void): void;
  setTimeout(callback: () => void, ms: number): void;
  performance: {
    now(): number;
    getEntriesByType(type: string): ArrayLike<{ name: string; startTime: number; responseEnd: number; encodedBodySize?: number; decodedBodySize?: number }>;
  };
}

/** Installed before the gesture: timestamps the opening event and the first frame with a file row. */
function armRenderMarks(openEvent: string): void {
  const win = globalThis as unknown as PageWindow;
  const doc = win.document;
  const marks: RenderMarks = {};
  win.__benchRender = marks;
  doc.addEventListener(openEvent, () => (marks.openAt = win.performance.now()), { capture: true, once: true });
  // No named inner functions: the bundler that runs this file would wrap them in a helper the page does not have.
  const observer = new win.MutationObserver(() => {
    if (marks.rowsInDomAt !== undefined) return;
    let found = false;
    const walker = doc.createTreeWalker(doc.body, 4);
    for (let n = walker.nextNode(); n && !found; n = walker.nextNode()) found = /seed-\d{5}\.jpg/.test(n.nodeValue ?? '');
    if (!found) return;
    marks.rowsInDomAt = win.performance.now();
    observer.disconnect();
    win.requestAnimationFrame(() => win.setTimeout(() => (marks.paintedAt = win.performance.now()), 0));
  });
  observer.observe(doc.body, { childList: true, subtree: true, characterData: true });
}

/** The marks, with the folder's answer taken from the resource timings. */
function readRenderMarks(): RenderMarks {
  const win = globalThis as unknown as PageWindow;
  const marks = { ...(win.__benchRender ?? {}) };
  const opened = marks.openAt ?? 0;
  const invokes = Array.from(win.performance.getEntriesByType('resource')).filter((e) => e.name.endsWith('/api/invoke') && e.startTime >= opened);
  // The folder's answer is the largest: the rows' thumbnail links are asked for after it.
  const folderAnswer = invokes.reduce<(typeof invokes)[number] | undefined>((a, b) => (a && (a.decodedBodySize ?? 0) >= (b.decodedBodySize ?? 0) ? a : b), undefined);
  if (folderAnswer) {
    marks.answerStartAt = folderAnswer.startTime;
    marks.answerEndAt = folderAnswer.responseEnd;
    marks.answerBytes = folderAnswer.decodedBodySize ?? 0;
  }
  return marks;
}

/** True once the sidebar is there and every button in it is enabled. */
function sidebarInteractive(): boolean {
  const doc = (globalThis as unknown as { document: PageDocument }).document;
  const nav = doc.querySelector('nav.sidebar');
  if (!nav) return false;
  const buttons = Array.from(nav.querySelectorAll('button'));
  return buttons.length > 0 && buttons.every((b) => !b.disabled);
}

/** Names of the seeded folder's files in the DOM (distinct), text nodes naming one, and [role=row] / tr elements. */
function countRows(): { distinct: number; nodes: number; roleRows: number } {
  const doc = (globalThis as unknown as { document: PageDocument }).document;
  const names = new Set<string>();
  let nodes = 0;
  const SHOW_TEXT = 4;
  const walker = doc.createTreeWalker(doc.body, SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const m = /seed-\d{5}\.jpg/.exec(n.nodeValue ?? '');
    if (m) {
      nodes++;
      names.add(m[0]);
    }
  }
  return { distinct: names.size, nodes, roleRows: doc.querySelectorAll('[role="row"], tr').length };
}

export async function waitInteractive(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(sidebarInteractive, undefined, { timeout: timeoutMs, polling: 'raf' });
}

export interface StartupRun {
  /** Spawn → first screen interactive in Chromium. */
  ms: number;
  /** Spawn → "Browser host ready" printed. */
  readyMs: number;
}

/** One start of the browser host on dataDir, measured until its first screen is interactive in a fresh page. */
export async function measureStartup(browser: Browser, dataDir: string, codeCacheDir: string): Promise<StartupRun> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const started = performance.now();
  const host = await startHost(dataDir, started, undefined, codeCacheDir);
  try {
    await page.goto(host.url, { waitUntil: 'commit' });
    await waitInteractive(page);
    return { ms: performance.now() - started, readyMs: host.readyMs };
  } finally {
    await context.close();
    await host.stop();
  }
}

export type RenderOutcome =
  | { kind: 'skipped'; reason: string }
  | {
      kind: 'measured';
      /** The opening event → the first frame painted with file rows, in the page's clock. */
      ms: number;
      /** The opening event → the rows in the DOM. */
      domMs: number;
      rows: number;
      rowElements: number;
      fileNodes: number;
      firstName: string;
      gesture: string;
      /** The library.getFolder call: opening event → request sent, → answer received; the answer's size. */
      answer?: { startMs: number; endMs: number; bytes: number };
    };

/** A browser host's session, for fresh contexts to start from: its printed URL signs in only once. */
export interface SignedIn {
  origin: string;
  storageState: BrowserContextOptions['storageState'];
}

export async function signIn(browser: Browser, url: string): Promise<SignedIn> {
  const context = await browser.newContext();
  try {
    await (await context.newPage()).goto(url, { waitUntil: 'commit' });
    return { origin: new URL(url).origin, storageState: await context.storageState() };
  } finally {
    await context.close();
  }
}

/**
 * Opens the library account's folder `folder` in the browser host and measures, in the page's own clock, the opening
 * event → the first frame with a file row (Playwright's waitFor polls at up to 500 ms intervals: too coarse); then
 * counts the rows in the DOM. Skips (with the reason) when the library view cannot do that yet.
 */
export async function measureRender(browser: Browser, session: SignedIn, accountLabel: string, folder: string): Promise<RenderOutcome> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState: session.storageState });
  const page = await context.newPage();
  try {
    await page.goto(`${session.origin}/`);
    await waitInteractive(page);
    const accountButton = page.locator('nav.sidebar button', { hasText: accountLabel }).first();
    if ((await accountButton.count()) === 0) return { kind: 'skipped', reason: `no "${accountLabel}" account in the sidebar` };
    await accountButton.click();
    // The app reopens the folder left open (kept by main, across windows): each round starts from the domain's folders.
    await page.locator('[role="grid"] [role="row"]').nth(1).waitFor({ timeout: 15_000 }).catch(() => undefined);
    const backToFolders = page.locator('nav.crumbs button.crumb').first();
    if (await backToFolders.isVisible()) await backToFolders.click();
    const placeholder = page.getByText(/not available yet/i).first();
    const folderEntry = page.getByText(folder, { exact: true }).first();
    const firstSeen = await Promise.race([
      placeholder.waitFor({ timeout: 15_000 }).then(() => 'placeholder' as const),
      folderEntry.waitFor({ timeout: 15_000 }).then(() => 'folder' as const),
    ]).catch(() => 'nothing' as const);
    if (firstSeen === 'placeholder') {
      const text = (await placeholder.textContent())?.trim() ?? '';
      return { kind: 'skipped', reason: `the library view is a placeholder (renderer/src/views/library/LibraryPanel.tsx says "${text}")` };
    }
    if (firstSeen === 'nothing') return { kind: 'skipped', reason: `the library view showed no folder named "${folder}" within 15 s` };
    const firstRow = page.getByText(/^seed-\d{5}\.jpg$/).first();
    // In a grid (role=row) a folder opens with a double click, as in a file manager; elsewhere with a click.
    const gridRow = folderEntry.locator('xpath=ancestor::*[@role="row"][1]');
    const inGrid = (await gridRow.count()) > 0;
    await page.evaluate(armRenderMarks, inGrid ? 'dblclick' : 'click');
    if (inGrid) await gridRow.dblclick();
    else await folderEntry.click();
    try {
      await firstRow.waitFor({ state: 'visible', timeout: 30_000 });
      await page.waitForFunction(() => (globalThis as unknown as PageWindow).__benchRender?.paintedAt !== undefined, undefined, { timeout: 5_000 });
    } catch {
      return { kind: 'skipped', reason: `opening "${folder}" showed no file row within 30 s` };
    }
    const marks = await page.evaluate(readRenderMarks);
    if (marks.openAt === undefined || marks.rowsInDomAt === undefined || marks.paintedAt === undefined) {
      return { kind: 'skipped', reason: `the page did not report the opening ${inGrid ? 'dblclick' : 'click'} or the rows (${JSON.stringify(marks)})` };
    }
    const firstName = (await firstRow.textContent())?.trim() ?? '';
    const counted = await page.evaluate(countRows);
    const outcome: RenderOutcome = {
      kind: 'measured',
      ms: marks.paintedAt - marks.openAt,
      domMs: marks.rowsInDomAt - marks.openAt,
      rows: counted.distinct,
      rowElements: counted.roleRows,
      fileNodes: counted.nodes,
      firstName,
      gesture: inGrid ? 'double click on the grid row' : 'click',
    };
    if (marks.answerStartAt !== undefined && marks.answerEndAt !== undefined) {
      outcome.answer = { startMs: marks.answerStartAt - marks.openAt, endMs: marks.answerEndAt - marks.openAt, bytes: marks.answerBytes ?? 0 };
    }
    return outcome;
  } finally {
    await context.close();
  }
}
