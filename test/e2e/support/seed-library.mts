// Seeds a folder of N files into a sandbox data dir, in its own process (run with `node --import tsx`): the
// sandbox's ESM sources do not load in Playwright's test runner. Usage: seed-library.mts DATA_DIR FOLDER COUNT
import { startSandbox } from '../../../main/sandbox/index.js';

const [dataDir, folder, count] = process.argv.slice(2);
if (!dataDir || !folder || !count) throw new Error('usage: seed-library.mts DATA_DIR FOLDER COUNT');
const sandbox = await startSandbox({ dataDir });
await sandbox.library.seedFiles(sandbox.accounts.library.domain, folder, Number(count));
await sandbox.close();
console.log(`seeded ${count} files into ${folder}`);
