import { defineConfig } from 'vite';
import path from 'node:path';

// The renderer: plain React with the automatic JSX runtime (no plugin needed), built to dist/renderer with
// relative asset paths so both hosts (app:// and the browser host) can serve it.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: path.resolve(import.meta.dirname, '../dist/renderer'),
    emptyOutDir: true,
    sourcemap: false,
    target: 'chrome130',
    // One script, no inline module preload polyfill: the CSP allows no inline script.
    modulePreload: { polyfill: false },
  },
});
