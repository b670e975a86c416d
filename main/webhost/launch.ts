// `node dist/main/webhost.cjs` (`npm run start:web`): runs the browser host's bundle (webhost-app.cjs, built from
// cli.ts) through V8's code cache, kept in the user's cache folder (MEDIA_DESK_CACHE_DIR overrides it). A start
// without a usable cache compiles as before and leaves one at exit, holding every function that run compiled.
import path from 'node:path';
import { defaultCacheDir } from '../app/paths.js';
import { runBundleWithCodeCache } from './code-cache.js';

const run = runBundleWithCodeCache(path.join(__dirname, 'webhost-app.cjs'), process.env.MEDIA_DESK_CACHE_DIR || defaultCacheDir());
if (run.state !== 'used') process.once('exit', () => run.save());
