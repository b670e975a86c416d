// Shared by the tests of forgetting a remembered download folder: a library world with a remote folder of demo
// JPEGs, fresh local folders under one temporary home, and each test starting with no folder remembered and no
// sandbox fault left over.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { DOWNLOAD_KINDS } from '../../../main/common/contract';
import { folderWithFiles, startLibraryWorld, type LibraryWorld } from './handlers/library-support';

export interface ForgetWorld {
  w: LibraryWorld;
  /** The demo user's library folder holding the files asked for. */
  remote: string;
  /** A new empty local folder (its real path). */
  newDir(stem: string): Promise<string>;
}

/** Registers the file's hooks; the fields are there from its beforeAll on. */
export function forgetWorld(stem: string, names: string[]): ForgetWorld {
  let home = '';
  let counter = 0;
  const world = {
    async newDir(dirStem: string) {
      const dir = path.join(home, `${dirStem}-${++counter}`);
      await fs.mkdir(dir);
      return dir;
    },
  } as ForgetWorld;
  beforeAll(async () => {
    world.w = await startLibraryWorld();
    world.remote = await folderWithFiles(world.w, stem, names);
    home = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), `md-${stem}-`)));
  }, 30_000);
  afterAll(async () => {
    await world.w.close();
    await fs.rm(home, { recursive: true, force: true });
  });
  beforeEach(async () => {
    for (const kind of DOWNLOAD_KINDS) await world.w.ok('settings.forgetDownloadFolder', { kind });
    world.w.sandbox.faults.clear();
  });
  return world;
}
