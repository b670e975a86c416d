// `sandbox`: the standalone sandbox server, as `npm run sandbox` runs it (same options, same defaults, same ready
// line), until Ctrl-C or SIGTERM.
import { z } from 'zod';
import { parseCliArgs } from '../../sandbox/cli-args.js';
import { startSandbox } from '../../sandbox/index.js';
import { intOption, parseWith, UsageError } from '../argv.js';
import { defineCommand } from '../command.js';
import { argsOf, noPositionals } from './shared.js';

export const sandbox = defineCommand({
  words: ['sandbox'],
  summary: 'Run the sandbox server (all three protocols, with demo content) on this machine',
  usage: '[--port N] [--data-dir DIR]',
  description: [
    'The same server as "npm run sandbox": it prints one line, "Sandbox ready: http://127.0.0.1:PORT", and runs',
    'until Ctrl-C or SIGTERM, then exits 0. Its accounts (with their passwords) are in DIR/sandbox-accounts.json.',
    'JSON: one line {"baseUrl", "cdnUrl", "accountsFile", "dataDir"} once ready.',
  ],
  dataDirHelp: 'the sandbox\'s own data folder (default: media-desk-sandbox in the system\'s temp folder)',
  options: { port: { type: 'string', value: 'N', help: 'the port to listen on, on 127.0.0.1 (default: a free port)' } },
  parse: (line) =>
    parseWith(z.object({ positionals: noPositionals('sandbox'), port: intOption('port', 0, 65535).optional(), 'data-dir': z.string().optional() }), argsOf(line)),
  async run(ctx, args) {
    let options;
    try {
      // The sandbox's own argument reader: the same defaults as `npm run sandbox`, whatever they become.
      options = parseCliArgs([...(args.port !== undefined ? ['--port', String(args.port)] : []), ...(ctx.dataDirOption !== undefined ? ['--data-dir', ctx.dataDirOption] : [])]);
    } catch (err) {
      throw new UsageError(err instanceof Error ? err.message : String(err));
    }
    const server = await startSandbox({ dataDir: options.dataDir, port: options.port, faults: false });
    const ready = { baseUrl: server.baseUrl, cdnUrl: server.cdnUrl, accountsFile: server.accountsFile, dataDir: options.dataDir };
    if (ctx.out.json) ctx.out.raw(`${JSON.stringify(ready)}\n`);
    else ctx.out.line(`Sandbox ready: ${server.baseUrl}`);
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) resolve();
      else ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await server.close();
    // Stopping is how a server ends: exit 0, and the document was printed when it became ready.
    return { json: undefined, exit: 0 };
  },
});
