// `media-desk`: the CLI's entry point (`npx tsx main/cli/main.ts`, or the dist/main/cli.cjs bundle). Only the
// process glue lives here: signals, the exit code, and a clean exit once the output is written.
import { EXIT } from './exit-codes.js';
import { processIo } from './io.js';
import { terminalLanguage } from '../common/i18n/languages.js';
import { cliWords, langOption } from './words.js';
import { runCli } from './run.js';

const controller = new AbortController();
let signals = 0;
const interrupt = (): void => {
  signals += 1;
  // The first Ctrl-C cancels what is under way (temporary files are removed); a second one does not wait.
  if (signals > 1) process.exit(EXIT.cancelled);
  controller.abort();
};
process.on('SIGINT', interrupt);
process.on('SIGTERM', interrupt);
// `media-desk … | head` closes the pipe early: that is the reader's choice, not a failure to report.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(EXIT.ok);
});

function exit(code: number): void {
  // Exit once both streams have flushed, so that nothing pending (a closed server's handles) keeps the process up.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

runCli(process.argv.slice(2), processIo(), controller.signal).then(exit, () => {
  const { say } = cliWords(terminalLanguage(process.env, langOption(process.argv.slice(2))));
  process.stderr.write(`${say('cli:error.crashed')}\n`);
  exit(EXIT.unexpected);
});
