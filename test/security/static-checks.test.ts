// The security gate's checks of the Electron edge that complement test/main/electron/ and test/main/app/:
// - the shipped Content-Security-Policy, directive by directive and through Google's CSP Evaluator;
// - every contract method, as main wires it (bootApp), refuses malformed calls before its handler runs, and
//   nothing registers handlers around the dispatcher;
// - shell.openExternal is only reached with a URL that passed validateExternalUrl (every call site in main/);
// - every window gets secureWebPreferences();
// - the app:// protocol serves the renderer's files and nothing else, in a layout like the packaged app's.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../../main/app/app-files';
import type { Handlers } from '../../main/app/dispatch';
import { validateExternalUrl } from '../../main/app/handlers';
import { METHOD_NAMES, contract } from '../../main/common/contract';
import { AppError } from '../../main/common/errors';
import { ELECTRON_CSP, serveAppRequest } from '../../main/electron/app-protocol';
import { bootTestApp } from '../helpers/app-harness';
import { calleeName, enclosingFunction, readSources, visit, where, type Source } from './source-scan';

// The handlers main really registers: bootApp's createDispatcher is given spies that record each call and then
// run the real handler.
const wired = vi.hoisted(() => ({ methods: [] as string[], calls: [] as string[] }));
vi.mock('../../main/app/dispatch', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../main/app/dispatch')>();
  return {
    ...original,
    createDispatcher: (handlers: Handlers, log: Parameters<typeof original.createDispatcher>[1]) => {
      wired.methods = Object.keys(handlers);
      const spied = Object.fromEntries(
        Object.entries(handlers).map(([method, handler]) => [
          method,
          (args: unknown) => {
            wired.calls.push(method);
            return (handler as (a: unknown) => unknown)(args);
          },
        ]),
      ) as unknown as Handlers;
      return original.createDispatcher(spied, log);
    },
  };
});

const sources = readSources('main', 'preload');

// ------------------------------------------------------------------------------------------------------------

/** Directive name → its sources, as a browser reads the header (the first of a repeated directive wins). */
function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(directives.has(name.toLowerCase()), `directive ${name} repeated`).toBe(false);
    directives.set(name.toLowerCase(), values);
  }
  return directives;
}

const SHIPPED_CSPS: Array<[string, string]> = [
  ['Electron (app://)', ELECTRON_CSP],
  ['browser host', contentSecurityPolicy({ connectSrc: ['ws://127.0.0.1:45678'] })],
  ['default', contentSecurityPolicy()],
];

describe.each(SHIPPED_CSPS)('the %s Content-Security-Policy', (_host, policy) => {
  const csp = parseCsp(policy);

  it("runs only the app's own script files: no inline, eval, data:, blob: or remote script", () => {
    // script-src-elem/-attr and worker-src fall back to script-src, which falls back to default-src.
    const script = csp.get('script-src') ?? csp.get('default-src');
    expect(script).toEqual(["'self'"]);
    for (const name of ['script-src-elem', 'script-src-attr', 'worker-src']) {
      if (csp.has(name)) expect(csp.get(name), name).toEqual(["'self'"]);
    }
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|strict-dynamic/);
  });

  it('denies everything not listed, plugins, <base> and framing', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    for (const [name, values] of csp) expect(values, name).not.toContain('*');
  });

  it("has nothing of medium or high severity for Google's CSP Evaluator", () => {
    // A dependency of electronegativity, not of the project: resolved from there.
    const fromElectronegativity = createRequire(createRequire(import.meta.url).resolve('@doyensec/electronegativity/package.json'));
    const evaluator = fromElectronegativity('@doyensec/csp-evaluator') as {
      CspParser: new (policy: string) => { csp: unknown };
      CspEvaluator: new (csp: unknown, version: unknown) => { evaluate(): Array<{ severity: number; directive: string; value?: string; description: string }> };
      Version: { CSP3: unknown };
      severities: Record<string, number>;
    };
    const findings = new evaluator.CspEvaluator(new evaluator.CspParser(policy).csp, evaluator.Version.CSP3).evaluate();
    const { HIGH, SYNTAX, MEDIUM, HIGH_MAYBE } = evaluator.severities as Record<'HIGH' | 'SYNTAX' | 'MEDIUM' | 'HIGH_MAYBE', number>;
    const serious = findings.filter((f) => [HIGH, SYNTAX, MEDIUM, HIGH_MAYBE].includes(f.severity));
    expect(serious.map((f) => `${f.directive} ${f.value ?? ''}: ${f.description}`)).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------------------------

describe('every contract method, as main wires it', () => {
  let app: Awaited<ReturnType<typeof bootTestApp>>;
  beforeAll(async () => {
    app = await bootTestApp();
  });
  afterAll(async () => {
    await app?.cleanup();
  });

  it('has a handler, and every handler is a contract method', () => {
    expect([...wired.methods].sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('declares a strict object schema: unknown keys are refused, not silently dropped', () => {
    const lax = METHOD_NAMES.filter((method) => {
      const result = contract[method].args.safeParse({ __injected: true });
      return result.success || !result.error.issues.some((issue) => issue.code === 'unrecognized_keys');
    });
    expect(lax).toEqual([]);
  });

  it.each(METHOD_NAMES)('%s refuses malformed calls before its handler runs', async (method) => {
    wired.calls.length = 0;
    for (const payload of [null, 'x', 7, [], [{}], { __injected: true }, { constructor: { prototype: { polluted: true } } }]) {
      const result = await app.dispatch(method, payload);
      expect(result, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(wired.calls).toEqual([]);
  });

  it('does run a handler for a well-formed call (the spies are live)', async () => {
    wired.calls.length = 0;
    expect(await app.dispatch('app.info', {})).toMatchObject({ ok: true });
    expect(wired.calls).toEqual(['app.info']);
  });

  it('reaches handlers only through the dispatcher: createHandlers is composed in bootstrap only, IPC registered in ipc.ts only', () => {
    const composed: string[] = [];
    const ipc: string[] = [];
    for (const source of sources) {
      visit(source.tree, (node) => {
        if (ts.isCallExpression(node) && calleeName(node) === 'createHandlers') composed.push(source.file);
        if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.expression.getText(source.tree) === 'ipcMain') {
          ipc.push(`${source.file} ${node.expression.name.text}`);
        }
      });
    }
    expect(composed).toEqual(['main/app/bootstrap.ts']);
    // The contract's invoke channel, and the preload's file-grant channel (both check the sender first).
    expect(ipc).toEqual(['main/electron/ipc.ts handle', 'main/electron/ipc.ts handle']);
    const bootstrap = sources.find((s) => s.file === 'main/app/bootstrap.ts')?.tree.getFullText() ?? '';
    expect(/const (\w+)(: \w+)? = createHandlers\([\s\S]*createDispatcher\(\1\b/.test(bootstrap), 'bootstrap.ts hands createHandlers(…) to createDispatcher').toBe(true);
    const ipcSource = sources.find((s) => s.file === 'main/electron/ipc.ts')?.tree.getFullText() ?? '';
    expect(/isTrustedSender\([\s\S]*return dispatch\(/.test(ipcSource), 'ipc.ts checks the sender, then calls dispatch').toBe(true);
  });
});

// ------------------------------------------------------------------------------------------------------------

describe('validateExternalUrl', () => {
  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'file://server/share/x.exe',
    'FILE:///C:/Windows/System32/calc.exe',
    'smb://attacker.example/share',
    'ms-settings:privacy',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'mailto:someone@example.com',
    'steam://run/1',
    'vscode://file/etc/passwd',
    'app://media-desk/index.html',
    'media-desk-media://x/y',
    'chrome://settings',
    'about:blank',
    'blob:https://example.com/0f1e',
    'ftp://example.com/x',
    'ws://example.com/',
    'https://user:secret@example.com/',
    'https://user@example.com/',
    'https://:secret@example.com/',
    'http://user%40corp:pw@example.com/',
    '//example.com/no-scheme',
    '/relative/path',
    'example.com',
    '',
    'https://',
    'http://[::1',
  ])('refuses %j', (raw) => {
    let thrown: unknown;
    try {
      validateExternalUrl(raw);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('validation');
  });

  it.each([
    ['https://example.com/docs?q=1#top', 'https://example.com/docs?q=1#top'],
    ['HTTPS://EXAMPLE.COM', 'https://example.com/'],
    ['http://example.com/a b', 'http://example.com/a%20b'],
    ['  https://example.com/  ', 'https://example.com/'],
    ['https://例え.jp/', 'https://xn--r8jz45g.jp/'],
  ])('opens %j as %j (normalized, so what is checked is what is opened)', (raw, expected) => {
    expect(validateExternalUrl(raw)).toBe(expected);
  });
});

describe('shell.openExternal in main/', () => {
  /** Each openExternal call in main/, and whether its argument is validateExternalUrl(…). */
  function openExternalCalls(): Array<{ source: Source; call: ts.CallExpression; validated: boolean }> {
    const calls: Array<{ source: Source; call: ts.CallExpression; validated: boolean }> = [];
    for (const source of sources) {
      visit(source.tree, (node) => {
        if (!ts.isCallExpression(node) || calleeName(node) !== 'openExternal') return;
        const arg = node.arguments[0];
        calls.push({ source, call: node, validated: arg !== undefined && ts.isCallExpression(arg) && calleeName(arg) === 'validateExternalUrl' });
      });
    }
    return calls;
  }

  /** The nearest named function declaration around `node` that has a parameter called `name`, and its position. */
  function functionWithParameter(node: ts.Node, name: string): { fn: ts.FunctionDeclaration; index: number } | undefined {
    for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
      const index = fn.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === name);
      if (index >= 0) return ts.isFunctionDeclaration(fn) && fn.name ? { fn, index } : undefined;
    }
    return undefined;
  }

  /** True for `openExternal: (url) => shell.openExternal(url)`: the host's adapter, checked through its callers. */
  function isHostAdapter(call: ts.CallExpression): boolean {
    const fn = enclosingFunction(call);
    return fn !== undefined && ts.isArrowFunction(fn) && ts.isPropertyAssignment(fn.parent) && fn.parent.name.getText() === 'openExternal';
  }

  it('is called with validateExternalUrl(…) everywhere, except in the host adapter and the ExternalOpener callback', () => {
    const unchecked: string[] = [];
    const adapters: string[] = [];
    const callbacks: Array<{ source: Source; fn: ts.FunctionDeclaration; index: number }> = [];
    for (const { source, call, validated } of openExternalCalls()) {
      if (validated) continue;
      const callee = call.expression;
      if (ts.isPropertyAccessExpression(callee) && callee.expression.getText(source.tree) === 'shell' && isHostAdapter(call)) {
        adapters.push(where(source, call));
        continue;
      }
      // `openExternal(url)` where openExternal is a parameter of a named function: checked at that function's callers.
      const owner = ts.isIdentifier(callee) ? functionWithParameter(call, callee.text) : undefined;
      if (owner) {
        if (!callbacks.some((c) => c.fn === owner.fn)) callbacks.push({ source, ...owner });
        continue;
      }
      unchecked.push(`${where(source, call)} ${call.getText(source.tree)}`);
    }
    expect(unchecked).toEqual([]);
    // The one adapter: AppServices.host.openExternal in the Electron host.
    expect(adapters).toHaveLength(1);
    expect(adapters[0]).toMatch(/^main\/electron\//);

    // Every function handed to a parameter that is called as openExternal(…) validates before opening.
    for (const { fn, index } of callbacks) {
      const name = fn.name?.text ?? '';
      const passed: string[] = [];
      for (const source of sources) {
        visit(source.tree, (node) => {
          if (!ts.isCallExpression(node) || calleeName(node) !== name) return;
          const arg = node.arguments[index];
          expect(arg && ts.isIdentifier(arg), `${where(source, node)}: ${name} must be given a named, checked function`).toBe(true);
          const declaration = source.tree.statements.find((s): s is ts.FunctionDeclaration => ts.isFunctionDeclaration(s) && s.name?.text === (arg as ts.Identifier).text);
          expect(declaration, `${where(source, node)}: ${(arg as ts.Identifier).text} must be declared in ${source.file}`).toBeDefined();
          const inner = openExternalCalls().filter((c) => c.source === source && enclosingFunction(c.call) === declaration);
          expect(inner.length).toBeGreaterThan(0);
          expect(inner.every((c) => c.validated), `${(arg as ts.Identifier).text} opens only validated URLs`).toBe(true);
          passed.push(`${where(source, node)} ${(arg as ts.Identifier).text}`);
        });
      }
      expect(passed.length, `${name} is called somewhere`).toBeGreaterThan(0);
    }
  });

  it('is never handed around as a value (which would escape the call-site check)', () => {
    const escaped: string[] = [];
    for (const source of sources) {
      visit(source.tree, (node) => {
        if (ts.isPropertyAccessExpression(node) && node.name.text === 'openExternal' && !(ts.isCallExpression(node.parent) && node.parent.expression === node)) {
          escaped.push(`${where(source, node)} ${node.parent.getText(source.tree)}`);
        }
        if (ts.isBindingElement(node) && (node.propertyName ?? node.name).getText(source.tree) === 'openExternal') escaped.push(`${where(source, node)} destructured`);
      });
    }
    expect(escaped).toEqual([]);
  });

  describe('through the contract', () => {
    let app: Awaited<ReturnType<typeof bootTestApp>>;
    beforeAll(async () => {
      app = await bootTestApp();
    });
    afterAll(async () => {
      await app?.cleanup();
    });

    it('opens a checked https link, and refuses javascript:, file: and credentials without calling the host', async () => {
      const open = vi.spyOn(app.services.host, 'openExternal');
      for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'https://user:pw@example.com/', 'ms-settings:']) {
        expect(await app.dispatch('shell.openExternal', { url })).toMatchObject({ ok: false, error: { code: 'validation' } });
      }
      expect(open).not.toHaveBeenCalled();
      expect(await app.dispatch('shell.openExternal', { url: 'HTTPS://Example.com/help' })).toMatchObject({ ok: true });
      expect(open.mock.calls).toEqual([['https://example.com/help']]);
    });
  });
});

// ------------------------------------------------------------------------------------------------------------

describe('windows', () => {
  it('every BrowserWindow, BrowserView or WebContentsView in main/ takes webPreferences: secureWebPreferences(…)', () => {
    const windows: string[] = [];
    const insecure: string[] = [];
    for (const source of sources) {
      visit(source.tree, (node) => {
        if (!ts.isNewExpression(node) || !['BrowserWindow', 'BrowserView', 'WebContentsView'].includes(calleeName(node) ?? '')) return;
        windows.push(where(source, node));
        const options = node.arguments?.[0];
        const prefs =
          options && ts.isObjectLiteralExpression(options)
            ? options.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(source.tree) === 'webPreferences')
            : undefined;
        const ok = prefs !== undefined && ts.isCallExpression(prefs.initializer) && calleeName(prefs.initializer) === 'secureWebPreferences';
        const spread = options && ts.isObjectLiteralExpression(options) && options.properties.some((p) => ts.isSpreadAssignment(p) && p.getText(source.tree).includes('webPreferences'));
        if (!ok || spread) insecure.push(where(source, node));
      });
    }
    expect(windows.length).toBeGreaterThan(0);
    expect(insecure).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------------------------

describe('the app:// protocol in a packaged layout', () => {
  // resources/app.asar/{package.json, dist/main, dist/preload, dist/renderer}: the renderer folder has neighbours
  // worth stealing, and one whose name starts with "renderer".
  let root: string;
  let renderer: string;
  const SECRET = 'SECRET-MAIN-BUNDLE';

  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'md-protocol-'));
    renderer = path.join(root, 'dist', 'renderer');
    const files: Record<string, string> = {
      'package.json': `{"name":"${SECRET}"}`,
      'dist/main/electron.cjs': SECRET,
      'dist/preload/index.cjs': SECRET,
      'dist/renderer-old/index.html': SECRET,
      'dist/renderer/index.html': '<!doctype html><title>Media Desk</title>',
      'dist/renderer/assets/app.js': 'console.log("app")',
      'dist/renderer/.env': SECRET,
      'dist/renderer/assets/.cache/x.js': SECRET,
    };
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), content);
    }
  });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it.each([
    ['/', 'Media Desk'],
    ['/index.html', 'Media Desk'],
    ['/assets/app.js', 'console.log'],
    ['/assets/app.js?v=1#x', 'console.log'],
  ])('serves %s', async (pathname, content) => {
    const res = await serveAppRequest(renderer, { url: `app://media-desk${pathname}`, method: 'GET' }, () => 'en');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(content);
  });

  it.each([
    'app://media-desk/..%2fmain%2felectron.cjs',
    'app://media-desk/%2e%2e%2fpreload%2findex.cjs',
    'app://media-desk/%2E%2E/%2E%2E/package.json',
    'app://media-desk/assets/..%2f..%2f..%2fpackage.json',
    'app://media-desk/assets/%2e%2e/%2e%2e/main/electron.cjs',
    'app://media-desk/%252e%252e%252fmain%252felectron.cjs',
    'app://media-desk/%c0%ae%c0%ae/main/electron.cjs',
    'app://media-desk/%c0%afmain/electron.cjs',
    'app://media-desk/..%5cmain%5celectron.cjs',
    'app://media-desk/..\\main\\electron.cjs',
    'app://media-desk/..%2frenderer-old%2findex.html',
    'app://media-desk/%2fetc%2fpasswd',
    'app://media-desk//etc/passwd',
    'app://media-desk/C:%5cWindows%5cwin.ini',
    'app://media-desk/%5c%5cserver%5cshare',
    'app://media-desk/index.html%00.png',
    'app://media-desk/.env',
    'app://media-desk/assets/.cache/x.js',
    'app://media-desk/assets',
    'app://media-desk/assets/',
    'app://media-desk:8080/index.html',
    'app://media-desk.attacker.example/index.html',
    'app:///index.html',
    'app:index.html',
    'file:///etc/passwd',
  ])('refuses %s without revealing anything', async (url) => {
    const res = await serveAppRequest(renderer, { url, method: 'GET' }, () => 'en');
    expect(res.status).toBeGreaterThanOrEqual(400);
    const body = await res.text();
    expect(body).not.toContain(SECRET);
    expect(body).not.toContain(root);
    expect(body).not.toMatch(/root:x:0/);
  });
});

// ---- The capability rule (issue 13): the window names things, main decides where files are written. ----

/** fs functions that change the disk (open counts unless its flag is a literal read-only one). */
const FS_WRITES = new Set(['writeFile', 'appendFile', 'createWriteStream', 'rename', 'copyFile', 'cp', 'rm', 'rmdir', 'unlink', 'mkdir', 'mkdtemp', 'symlink', 'link', 'truncate', 'ftruncate', 'chmod', 'chown', 'lchown', 'utimes', 'lutimes', 'open', 'opendir', 'writeFileSync', 'appendFileSync', 'renameSync', 'copyFileSync', 'rmSync', 'unlinkSync', 'mkdirSync', 'openSync', 'symlinkSync', 'cpSync']);
const FS_MODULES = new Set(['fs', 'node:fs', 'fs/promises', 'node:fs/promises']);

/** Calls in a file that write through node:fs, however it was imported (`fs.x`, `fs.promises.x`, `{ x }`). */
function fsWriteCalls(source: Source): string[] {
  const namespaces = new Set<string>();
  const named = new Map<string, string>();
  for (const statement of source.tree.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !FS_MODULES.has(statement.moduleSpecifier.text)) continue;
    const clause = statement.importClause;
    if (clause?.name) namespaces.add(clause.name.text);
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) namespaces.add(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        const imported = (element.propertyName ?? element.name).text;
        if (imported === 'promises') namespaces.add(element.name.text);
        else named.set(element.name.text, imported);
      }
    }
  }
  const found: string[] = [];
  visit(source.tree, (node) => {
    if (!ts.isCallExpression(node)) return;
    const callee = node.expression;
    let fn: string | undefined;
    if (ts.isIdentifier(callee)) fn = named.get(callee.text);
    else if (ts.isPropertyAccessExpression(callee)) {
      let root: ts.Expression = callee.expression;
      while (ts.isPropertyAccessExpression(root)) root = root.expression;
      if (ts.isIdentifier(root) && namespaces.has(root.text)) fn = callee.name.text;
    }
    if (!fn || !FS_WRITES.has(fn)) return;
    const flag = node.arguments[1];
    if ((fn === 'open' || fn === 'openSync') && (flag === undefined || (ts.isStringLiteral(flag) && flag.text === 'r'))) return;
    found.push(`${where(source, node)} ${fn}`);
  });
  return found;
}

/** The provider functions that save a download, and which argument is where it lands. */
const DOWNLOAD_SINKS: Record<string, number> = { downloadFile: 2, downloadVoicemail: 1, downloadMedia: 2, saveMediaContent: 1, downloadToFile: 2 };

describe('the capability rule: main/app writes only where main decided', () => {
  const sources = readSources('main/app');
  /** Files of main/app that may write to the disk, each in a folder main chose itself (never one the window named). */
  const DATA_FOLDER_WRITERS: Record<string, string> = {
    'main/app/twilio-cleanup.ts': "each clean-up run's journal, in the data folder's twilio-cleanup/",
    'main/app/local-files.ts': "makes the browser host's Downloads folder, which only --downloads sets",
    'main/app/services.ts': 'makes the data folder itself (0700), which only the host\'s --data-dir names',
    'main/app/saved-reports.ts': "the clean-up's report, as a new file (never replacing one) in the Downloads folder or the one last chosen for Twilio downloads: main's choice, the window names no path",
  };

  it('no other main/app file calls an fs function that writes', () => {
    const offenders = sources.filter((s) => !(s.file in DATA_FOLDER_WRITERS)).flatMap(fsWriteCalls);
    expect(offenders).toEqual([]);
  });

  it('the allowed writers still write (the list is not stale) and the scan sees writes at all', () => {
    for (const file of Object.keys(DATA_FOLDER_WRITERS)) {
      const source = sources.find((s) => s.file === file);
      expect(source, file).toBeDefined();
      expect(fsWriteCalls(source!).length, file).toBeGreaterThan(0);
    }
  });

  it('every download in main/app lands at a path grantedDestination(…) gave (a granted folder, checked when it starts)', () => {
    const problems: string[] = [];
    let sinks = 0;
    for (const source of sources) {
      // The names bound to grantedDestination(…) or to its .path, in this file.
      const granted = new Set<string>();
      visit(source.tree, (node) => {
        if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && /^\(?await grantedDestination\(/.test(node.initializer.getText(source.tree))) granted.add(node.name.text);
      });
      visit(source.tree, (node) => {
        if (!ts.isCallExpression(node)) return;
        const name = calleeName(node);
        if (name === undefined || !Object.hasOwn(DOWNLOAD_SINKS, name)) return;
        sinks += 1;
        let target: ts.Expression | undefined = node.arguments[DOWNLOAD_SINKS[name] ?? -1];
        // twilio's downloadMedia takes { path: destination }.
        if (target && ts.isObjectLiteralExpression(target)) {
          const pathProperty = target.properties.find((p) => p.name?.getText(source.tree) === 'path');
          target = pathProperty && ts.isPropertyAssignment(pathProperty) ? pathProperty.initializer : pathProperty && ts.isShorthandPropertyAssignment(pathProperty) ? pathProperty.name : undefined;
        }
        if (!target || !ts.isIdentifier(target) || !granted.has(target.text)) problems.push(`${where(source, node)}: ${name}(…) saves to ${target?.getText(source.tree) ?? '?'}, not a grantedDestination(…)`);
      });
    }
    expect(sinks).toBeGreaterThanOrEqual(3);
    expect(problems).toEqual([]);
  });
});
