// Shared by the packaging tests: where the project is, its package.json and its electron-builder config.
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
