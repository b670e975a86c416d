// `sandbox`: the standalone sandbox server, as `npm run sandbox` runs it (same options, same defaults, same ready
// line), until Ctrl-C or SIGTERM.
import { z } from 'zod';
import { parseCliArgs } from '../../sandbox/cli-args.js';
import { sayable } from '../../common/errors.js';
import { startSandbox } from '../../sandbox/index.js';
import { phrase } from '../../common/i18n/phrase.js';
import { intOption, parseWith, UsageError } from '../argv.js';
import { jsonLine } from '../json.js';
import { defineCommand } from '../command.js';
import { argsOf, noPositionals } from './shared.js';

export const sandbox = defineCommand({
  words: ['sandbox'],
  summary: 'cli:sandbox.summary',
  usage: '[--port N] [--data-dir DIR]',
  description: 'cli:sandbox.description',
  dataDirHelp: 'cli:sandbox.option.dataDir',
  options: { port: { type: 'string', value: 'N', help: 'cli:sandbox.option.port' } },
  parse: (line) =>
    parseWith(z.object({ positionals: noPositionals('sandbox'), port: intOption('port', 0, 65535).optional(), 'data-dir': z.string().optional() }), argsOf(line)),
  async run(ctx, args) {
    let options;
    try {
      // The sandbox's own argument reader: the same defaults as `npm run sandbox`, whatever they become.
      options = parseCliArgs([...(args.port !== undefined ? ['--port', String(args.port)] : []), ...(ctx.dataDirOption !== undefined ? ['--data-dir', ctx.dataDirOption] : [])]);
    } catch (err) {
      throw new UsageError(phrase('cli:sandbox.badArguments', { said: sayable(err) }));
    }
    const server = await startSandbox({ dataDir: options.dataDir, port: options.port, faults: false });
    const ready = { baseUrl: server.baseUrl, cdnUrl: server.cdnUrl, accountsFile: server.accountsFile, dataDir: options.dataDir };
    if (ctx.out.json) ctx.out.raw(jsonLine(ready));
    else ctx.out.line(ctx.words.say('cli:sandbox.ready', { url: server.baseUrl }));
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) resolve();
      else ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await server.close();
    // Stopping is how a server ends: exit 0, and the document was printed when it became ready.
    return { json: undefined, exit: 0 };
  },
});
