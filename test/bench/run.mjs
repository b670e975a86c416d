// `npm run bench` (after the build): runs the benchmark's orchestrator, test/bench/main.ts, through tsx, passing on
// the options (--quick for small sizes, --only=group,group for a subset). Exit code: 0 when every figure was
// measured (or skipped with a reason), 1 when a measurement failed, 2 when the run could not start.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'main.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
const forward = (signal) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
