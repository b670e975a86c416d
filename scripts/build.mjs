// Builds what the hosts run: main-process bundles (CommonJS, for Electron and Node) with esbuild, and the
// renderer with Vite. `--only=node` skips the renderer (the sandbox needs none).
import { build as esbuild } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
};

const entries = [
  { entryPoints: [path.join(root, 'main/electron/main.ts')], outfile: path.join(root, 'dist/main/electron.cjs'), external: ['electron'] },
  // The browser host: webhost.cjs is a small launcher that runs webhost-app.cjs through V8's code cache.
  { entryPoints: [path.join(root, 'main/webhost/cli.ts')], outfile: path.join(root, 'dist/main/webhost-app.cjs') },
  { entryPoints: [path.join(root, 'main/webhost/launch.ts')], outfile: path.join(root, 'dist/main/webhost.cjs') },
  { entryPoints: [path.join(root, 'main/sandbox/cli.ts')], outfile: path.join(root, 'dist/main/sandbox.cjs') },
  // The command-line interface (package.json "bin": media-desk): a directly executable script.
  { entryPoints: [path.join(root, 'main/cli/main.ts')], outfile: path.join(root, 'dist/main/cli.cjs'), banner: { js: '#!/usr/bin/env node' } },
  // The sandboxed preload may require nothing but 'electron': everything else is bundled in.
  { entryPoints: [path.join(root, 'preload/index.ts')], outfile: path.join(root, 'dist/preload/index.cjs'), external: ['electron'], platform: 'browser', target: 'chrome140' },
];

const started = Date.now();
await Promise.all(entries.map((entry) => esbuild({ ...common, ...entry })));
chmodSync(path.join(root, 'dist/main/cli.cjs'), 0o755); // npm sets this on install; this covers running it from dist/
if (only !== 'node') {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: path.join(root, 'renderer/vite.config.mts'), logLevel: 'warn' });
}
console.error(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
