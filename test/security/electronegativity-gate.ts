// Running @doyensec/electronegativity through its API (its CLI always exits 0), offline, and the allow-list gate.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const PACKAGE_DIR = path.dirname(require.resolve('@doyensec/electronegativity/package.json'));

export interface Finding {
  id: string;
  severity: { name: string; value: number };
  confidence: { name: string; value: number };
  file: string;
  location: { line: number; column: number };
  sample?: string;
  description: string;
  manualReview: boolean;
}

export interface ScanResult {
  issues: Finding[];
  errors: Array<{ file: string; message: string; tolerable: boolean }>;
}

export interface AllowEntry {
  id: string;
  file: string;
  match?: string;
  max: number;
  reason: string;
}

/** MEDIUM is 2 and HIGH 3 in electronegativity's scale (INFORMATIONAL 0, LOW 1). */
export const GATED_SEVERITY = 2;

/**
 * The tool fetches translations and Electron's release list with `got` on every run (and would write the list into
 * node_modules). Tests must not use the network: `got` is replaced, for the tool's own modules only, by one that
 * fails at once, which the tool handles as "offline".
 */
function keepOffline(): void {
  const fail = () => Promise.reject(new Error('offline (tests)'));
  const stub = Object.assign(fail, { head: fail, offlineStub: true });
  for (const from of ['dist/locales/i18n.js', 'dist/finder/checks/GlobalChecks/AvailableSecurityFixesGlobalCheck.js']) {
    const gotPath = createRequire(path.join(PACKAGE_DIR, from)).resolve('got');
    if ((require.cache[gotPath]?.exports as { offlineStub?: boolean } | undefined)?.offlineStub) continue;
    require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: stub } as unknown as NodeJS.Module;
  }
}

/** Scans a folder (all .js/.ts/.html in it) as Electron `electronVersion`. */
export async function scan(input: string, electronVersion: string): Promise<ScanResult> {
  keepOffline();
  const run = require(PACKAGE_DIR) as (options: object, forCli: boolean) => Promise<ScanResult>;
  const log = console.log;
  console.log = () => undefined; // "Could not retrieve updated translations…", "No connectivity?"
  try {
    return await run(
      { input, electronVersionOverride: electronVersion, isRelative: true, customScan: [], excludeFromScan: [], parserPlugins: [] },
      false,
    );
  } finally {
    console.log = log;
  }
}

/** Every check id the tool knows (read from its check classes). */
export function knownCheckIds(): Set<string> {
  const ids = new Set<string>();
  for (const kind of ['AtomicChecks', 'GlobalChecks']) {
    const dir = path.join(PACKAGE_DIR, 'dist', 'finder', 'checks', kind);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
      for (const m of readFileSync(path.join(dir, file), 'utf8').matchAll(/this\.id\s*=\s*["']([A-Z0-9_]+)["']/g)) ids.add(m[1] as string);
    }
  }
  return ids;
}

export function readAllowList(file: string): AllowEntry[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { entries: AllowEntry[] }).entries;
}

/** `*` is any run of characters but `/`, `**` any run of characters; everything else is literal. */
export function globToRegExp(glob: string): RegExp {
  const source = glob
    .split('**')
    .map((part) => part.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

export function describeFinding(f: Finding): string {
  return `${f.severity.name} ${f.id} at ${f.file}:${f.location.line}:${f.location.column}${f.sample ? ` \`${f.sample.trim()}\`` : ''} (${f.description})`;
}

/**
 * Findings of MEDIUM or HIGH severity that no allow-list entry covers (an entry covers at most `max` findings),
 * and how many findings each entry covered.
 */
export function applyAllowList(findings: Finding[], entries: AllowEntry[]): { blocking: string[]; used: number[] } {
  const used = entries.map(() => 0);
  const blocking: string[] = [];
  for (const finding of findings) {
    if (finding.severity.value < GATED_SEVERITY) continue;
    const file = finding.file.replace(/\\/g, '/');
    const index = entries.findIndex(
      (e, i) => e.id === finding.id && globToRegExp(e.file).test(file) && (e.match === undefined || (finding.sample ?? '').includes(e.match)) && (used[i] as number) < e.max,
    );
    if (index === -1) blocking.push(describeFinding(finding));
    else used[index] = (used[index] as number) + 1;
  }
  return { blocking, used };
}
