// Shared by the packaging tests: where the project is, its electron-builder config, and which packages npm counts
// as production dependencies (from package-lock.json, the same answer electron-builder gets from npm).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** electron-builder's own library (its schema, its icon converter), resolved through electron-builder itself. */
const fromElectronBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
export const APP_BUILDER_LIB = path.dirname(fromElectronBuilder.resolve('app-builder-lib/package.json'));

export interface IconConvertResult {
  icons: Array<{ file: string; size: number }>;
  isFallback: boolean;
  error?: string;
}

/** app-builder-lib's convertIcon: what electron-builder does with the configured icons. */
export const convertIcon = (
  createRequire(path.join(APP_BUILDER_LIB, 'package.json'))('./out/util/iconConverter') as {
    convertIcon: (options: { sources: string[]; fallbackSources: string[]; roots: string[]; format: 'set' | 'ico' | 'icns'; outDir: string }) => Promise<IconConvertResult>;
  }
).convertIcon;

export interface PackageJson {
  name: string;
  productName?: string;
  main?: string;
  build?: unknown;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export function readPackageJson(): PackageJson {
  return JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;
}

export type BuilderConfig = Record<string, unknown>;

export function readBuilderConfig(): BuilderConfig {
  const parsed = load(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8'));
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('electron-builder.yml is not a mapping');
  return parsed as BuilderConfig;
}

interface LockEntry {
  name?: string;
  dev?: boolean;
  devOptional?: boolean;
  optional?: boolean;
  link?: boolean;
}

/** Package name of a lockfile key such as `node_modules/a/node_modules/@scope/b`. */
export function packageNameOf(lockKey: string): string {
  const i = lockKey.lastIndexOf('node_modules/');
  return lockKey.slice(i + 'node_modules/'.length);
}

/** Names of the installed packages npm marks as needed in production (not `dev`, not `devOptional`). */
export function productionPackageNames(): Set<string> {
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const names = new Set<string>();
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (!key.includes('node_modules/') || entry.dev || entry.devOptional) continue;
    names.add(packageNameOf(key));
  }
  return names;
}
