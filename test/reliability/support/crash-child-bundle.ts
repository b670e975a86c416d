// The crash child (crash-child.ts: the app's real stores writing in a loop) bundled into one ESM file a plain
// `node` child can run, so tests can SIGKILL it mid-write or read its files while it writes.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export async function bundleCrashChild(outfile: string): Promise<void> {
  await build({
    entryPoints: [path.join(HERE, 'crash-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
    // Bundled CommonJS dependencies may call require(): give the ESM bundle one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
}
