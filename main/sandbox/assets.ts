// Where the committed demo media (assets/demo) are at run time: next to the sources under tsx and tests, next to
// the bundle in dist/, in the packaged app's resources, or under the working directory.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../common/errors.js';

export const DEMO_FILES = {
  images: ['sunset-gradient.jpg', 'ocean-gradient.jpg', 'fractal.jpg', 'test-pattern-portrait.jpg'],
  video: 'clip-h264.mp4',
  voicemail: 'voicemail.mp3',
} as const;

const ALL_DEMO_FILES = [...DEMO_FILES.images, DEMO_FILES.video, DEMO_FILES.voicemail];

function moduleDir(): string | null {
  try {
    // Undefined in a CommonJS bundle, where __dirname serves instead.
    const url = import.meta.url as string | undefined;
    return url ? path.dirname(fileURLToPath(url)) : null;
  } catch {
    return null;
  }
}

function candidates(): string[] {
  const list: string[] = [];
  const here = moduleDir();
  if (here) list.push(path.resolve(here, '../../assets/demo'));
  if (typeof __dirname !== 'undefined') list.push(path.resolve(__dirname, '../../assets/demo'), path.resolve(__dirname, '../assets/demo'));
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources) list.push(path.join(resources, 'assets', 'demo'));
  list.push(path.resolve(process.cwd(), 'assets/demo'));
  return list;
}

export function resolveDemoAssetsDir(explicit?: string): string {
  const tried = explicit !== undefined ? [path.resolve(explicit)] : candidates();
  for (const dir of tried) {
    if (ALL_DEMO_FILES.every((name) => fs.existsSync(path.join(dir, name)))) return dir;
  }
  throw new AppError('config', `The sandbox's demo media were not found (looked in: ${tried.join(', ')}).`);
}
