// `npm test`: every check the project has, in order, and one closing line with the totals.
// type-check → lint (ESLint, layer rules) → build → unit and integration tests (Vitest) → end-to-end tests (Playwright in Chromium).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './find-chromium.mjs';
import { countPlaywrightReport, countVitestReport } from './test-totals.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(root, 'test-results');
mkdirSync(reports, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function run(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

const brokenFiles = [];

function addTotals(file, count) {
  if (!existsSync(file)) return false;
  const counted = count(JSON.parse(readFileSync(file, 'utf8')));
  totals.passed += counted.passed;
  totals.failed += counted.failed;
  totals.skipped += counted.skipped;
  brokenFiles.push(...counted.brokenFiles);
  return true;
}
const countVitest = (file) => addTotals(file, countVitestReport);
const countPlaywright = (file) => addTotals(file, countPlaywrightReport);

if (!run('Type-check (main, preload, tests)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'])) failures.push('type-check');
if (!run('Type-check (renderer)', bin('tsc'), ['-p', 'renderer/tsconfig.json', '--noEmit'])) failures.push('type-check (renderer)');
if (!run('Type-check (end-to-end tests)', bin('tsc'), ['-p', 'test/e2e/tsconfig.json', '--noEmit'])) failures.push('type-check (e2e)');
if (!run('Type-check (renderer tests)', bin('tsc'), ['-p', 'test/renderer/tsconfig.json', '--noEmit'])) failures.push('type-check (renderer tests)');
if (!run('Lint (ESLint)', 'npm', ['run', '--silent', 'lint:eslint'])) failures.push('lint (eslint)');
if (!run('Layer rules (dependency-cruiser)', 'npm', ['run', '--silent', 'lint:layers'])) failures.push('lint (layers)');
if (!run('Build', process.execPath, ['scripts/build.mjs'])) failures.push('build');

const vitestReport = path.join(reports, 'vitest.json');
if (!run('Unit and integration tests (Vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`])) failures.push('vitest');
if (!countVitest(vitestReport)) failures.push('vitest (no report)');

let chromium;
try {
  chromium = findChromium();
} catch (err) {
  console.error(err.message);
  failures.push('chromium');
}
if (chromium && !failures.includes('build')) {
  const playwrightReport = path.join(reports, 'playwright.json');
  if (!run('End-to-end tests (Playwright, Chromium)', bin('playwright'), ['test'], { CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport })) failures.push('playwright');
  if (!countPlaywright(playwrightReport)) failures.push('playwright (no report)');
}

console.log('');
for (const broken of brokenFiles) console.log(`Failed outside its tests: ${path.relative(root, broken.file) || broken.file}: ${broken.message.split('\n')[0]}`);
if (failures.length > 0) console.log(`Failed steps: ${failures.join(', ')}`);
console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length > 0 || totals.failed > 0 ? 1 : 0);
