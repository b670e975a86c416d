// The lint rules `npm run lint` relies on do fire: ESLint as eslint.config.mjs sets it up, and dependency-cruiser
// with .dependency-cruiser.cjs's layer rules, each given code that breaks them and code that does not.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type IConfiguration, type IViolation } from 'dependency-cruiser';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('ESLint', () => {
  // Probes are linted from memory under these names. The promise rules need types: the probe gets a program of its
  // own, built here from the standard library alone (opening it through the project service would load the whole
  // root project, Node's and Electron's typings included: most of a minute on a busy machine). The import and
  // hooks rules read syntax only: linted without types.
  const TYPED_PROBE = path.join(ROOT, 'main/core/lint-probe.ts');
  const untyped = new ESLint({ cwd: ROOT, overrideConfig: [{ files: ['**/*.{ts,tsx}'], ...tseslint.configs.disableTypeChecked }] });

  function probeProgram(code: string): ts.Program {
    const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2023, lib: ['lib.es2023.d.ts'], types: [], strict: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, noEmit: true };
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    host.getSourceFile = (name, language, ...rest) => (path.resolve(name) === TYPED_PROBE ? ts.createSourceFile(name, code, language, true) : getSourceFile(name, language, ...rest));
    host.fileExists = (name) => path.resolve(name) === TYPED_PROBE || fileExists(name);
    return ts.createProgram([TYPED_PROBE], options, host);
  }

  async function problems(file: string, code: string): Promise<string[]> {
    const filePath = path.join(ROOT, file);
    const eslint = filePath === TYPED_PROBE ? new ESLint({ cwd: ROOT, overrideConfig: { languageOptions: { parserOptions: { projectService: false, programs: [probeProgram(code)] } } } }) : untyped;
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message.split('\n')[0]}`);
  }
  const rules = async (file: string, code: string) => (await problems(file, code)).map((p) => p.split(':')[0]);

  const IMPORTS_ELECTRON = "import { app } from 'electron';\nexport const name: string = app.getName();\n";

  it('refuses `electron` outside main/electron and preload', async () => {
    expect(await problems('main/core/probe.ts', IMPORTS_ELECTRON)).toEqual([expect.stringMatching(/^no-restricted-imports: .*Only main\/electron\//)]);
    expect(await rules('test/main/core/probe.ts', IMPORTS_ELECTRON)).toEqual(['no-restricted-imports']);
    expect(await rules('main/electron/probe.ts', IMPORTS_ELECTRON)).toEqual([]);
    expect(await rules('preload/probe.ts', IMPORTS_ELECTRON)).toEqual([]);
  });

  it('refuses a promise nobody handles, and accepts one awaited or voided on purpose', async () => {
    const code = (call: string) => `async function save(): Promise<void> {}\nexport async function run(): Promise<void> {\n  ${call}\n}\n`;
    expect(await rules('main/core/lint-probe.ts', code('save();'))).toEqual(['@typescript-eslint/no-floating-promises']);
    expect(await rules('main/core/lint-probe.ts', code('await save();'))).toEqual([]);
    expect(await rules('main/core/lint-probe.ts', code('void save();'))).toEqual([]);
  });

  it('refuses an async function where a void callback is expected', async () => {
    const code = (handler: string) => `export function wire(on: (listener: () => void) => void): void {\n  on(${handler});\n}\n`;
    expect(await rules('main/core/lint-probe.ts', code('async () => { await Promise.resolve(); }'))).toEqual(['@typescript-eslint/no-misused-promises']);
    expect(await rules('main/core/lint-probe.ts', code('() => undefined'))).toEqual([]);
  });

  it("holds the renderer to React's hooks rules", async () => {
    const component = (deps: string) =>
      `import { useEffect, useState } from 'react';\nexport function Probe({ id }: { id: string }) {\n  const [seen, setSeen] = useState('');\n  useEffect(() => setSeen(id), ${deps});\n  return seen;\n}\n`;
    expect(await rules('renderer/src/probe.tsx', component('[]'))).toEqual(['react-hooks/exhaustive-deps']);
    expect(await rules('renderer/src/probe.tsx', component('[id]'))).toEqual([]);
    const conditional = `import { useState } from 'react';\nexport function Probe({ on }: { on: boolean }) {\n  if (on) useState(0);\n  return null;\n}\n`;
    expect(await rules('renderer/src/probe.tsx', conditional)).toEqual(['react-hooks/rules-of-hooks']);
  });
});

describe('the layer rules (dependency-cruiser)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'md-layers-'));
    const files: Record<string, string> = {
      'main/common/text.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
      'main/core/store.ts': "import { boot } from '../app/boot.js';\nexport const store = boot;\n",
      'main/app/boot.ts': "import { read } from '../common/text.js';\nexport const boot = read;\n",
      'main/cli/main.ts': "import { boot } from '../app/boot.js';\nexport const cli = boot;\n",
      'renderer/src/view.ts': "import { store } from '../../main/core/store.js';\nimport { read } from '../../main/common/text.js';\nexport const view = [store, read];\n",
    };
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), content);
    }
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reports each import against the layer order, and only those', async () => {
    const config = createRequire(import.meta.url)(path.join(ROOT, '.dependency-cruiser.cjs')) as IConfiguration;
    const { tsConfig: _ownTsconfig, ...options } = config.options ?? {};
    const { output } = await cruise(['main', 'renderer'], { ...options, ruleSet: { forbidden: config.forbidden ?? [] }, validate: true, baseDir: dir });
    if (typeof output === 'string') throw new Error('expected a cruise result');
    const seen = output.summary.violations.map((v: IViolation) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
    expect(seen).toEqual([
      'common-runs-anywhere: main/common/text.ts → fs',
      'core-imports-only-common: main/core/store.ts → main/app/boot.ts',
      'renderer-imports-only-common: renderer/src/view.ts → main/core/store.ts',
    ]);
  });
});
