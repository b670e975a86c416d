// One run of the CLI: find the command, read its arguments, run it, and turn the outcome into output and an exit
// code. Every failure ends here as one line on stderr (and an error document with --json), never a stack trace.
import path from 'node:path';
import { AppError, toAppError } from '../common/errors.js';
import { phrase } from '../common/i18n/phrase.js';
import type { AppData } from './app-data.js';
import { parseCommandLine, UsageError } from './argv.js';
import { createContext } from './context.js';
import { EXIT, exitCodeFor, type ExitCode } from './exit-codes.js';
import { ACCOUNT_OPTIONS, commandHelp, GLOBAL_OPTIONS, groupHelp, mainHelp, optionsOf } from './help.js';
import { Output, type CliIo } from './io.js';
import { errorJson } from './json.js';
import { isLanguage, terminalLanguage } from '../common/i18n/languages.js';
import { cliWords, langOption } from './words.js';
import { hideSecrets } from './redact.js';
import { proxyFromEnv } from '../providers/http/proxy-env.js';
import { useRoutePicker } from '../providers/http/proxy-route.js';
import { trustSystemCertificates } from '../providers/http/trusted-roots.js';
import { cliRoutePicker, isProxySource, PROXY_SOURCES } from './proxy.js';
import { commandsUnder, resolveCommand } from './registry.js';

declare const __APP_VERSION__: string;
const VERSION = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev';
const PROGRAM = 'media-desk';

const DEBUG_ENV = 'MEDIA_DESK_DEBUG';

/** toAppError's text for unknown errors points at the app's activity log, which the CLI does not write. */
function asCliError(err: unknown): AppError {
  const error = toAppError(err);
  if (error.code !== 'internal' || err instanceof AppError) return error;
  return new AppError('internal', phrase('cli:error.internal', { variable: DEBUG_ENV }));
}

export async function runCli(argv: readonly string[], io: CliIo, signal: AbortSignal): Promise<ExitCode> {
  // Known before parsing, so that even a usage error answers with a JSON document.
  const json = argv.includes('--json');
  // Also known before parsing: a usage error is said in the reader's language too.
  const lang = langOption(argv);
  const cliText = cliWords(terminalLanguage(io.env, lang));
  // As curl: HTTPS_PROXY / HTTP_PROXY / ALL_PROXY / NO_PROXY, until a command on an account may follow Settings.
  useRoutePicker(proxyFromEnv(io.env));
  const secrets = new Set<string>();
  let data: AppData | undefined;
  const redact = (text: string): string => hideSecrets(text, [...secrets, ...(data?.vault.allValues() ?? [])]);
  const out = new Output(io, json, cliText, redact);
  let account: { label: string; sandbox: boolean } | undefined;
  let words: string[] = [];
  try {
    if (lang !== undefined && !isLanguage(lang)) throw new UsageError(phrase('cli:usage.lang', { value: lang }));
    const resolved = resolveCommand(argv, { ...GLOBAL_OPTIONS, ...ACCOUNT_OPTIONS });
    words = resolved.words;
    const command = resolved.command;
    if (!command && words.length === 0 && (resolved.rest.includes('--version') || resolved.rest.includes('-V'))) {
      if (json) out.document({ version: VERSION });
      else out.line([PROGRAM, VERSION].join(' '));
      return EXIT.ok;
    }
    if (!command) {
      const help = words.length > 0 ? groupHelp(cliText, words) : mainHelp(cliText);
      if (resolved.rest.includes('--help') || resolved.rest.includes('-h')) {
        io.stdout.write(help);
        return EXIT.ok;
      }
      if (words.length === 0 && resolved.rest.length === 0) {
        io.stderr.write(help);
        return EXIT.usage;
      }
      const choices = commandsUnder(words).map((c) => c.words.slice(words.length).join(' '));
      throw new UsageError(words.length > 0 ? phrase('cli:usage.needsCommand', { group: words.join(' '), choices: choices.join(', ') }) : phrase('cli:usage.giveCommand'));
    }
    const line = parseCommandLine(optionsOf(command), resolved.rest);
    if (line.values.help === true) {
      io.stdout.write(commandHelp(cliText, command));
      return EXIT.ok;
    }
    const dataDir = line.values['data-dir'];
    if (dataDir === '') throw new UsageError(phrase('cli:usage.dataDirEmpty'));
    const accountName = line.values.account;
    const proxyFrom = line.values['proxy-from'];
    if (proxyFrom !== undefined && !isProxySource(proxyFrom)) {
      throw new UsageError(phrase('cli:usage.oneOf', { option: '--proxy-from', choices: PROXY_SOURCES.join(', ') }));
    }
    const ctx = createContext({
      io,
      out,
      words: cliText,
      signal,
      dataDirOption: typeof dataDir === 'string' ? path.resolve(io.cwd, dataDir) : undefined,
      accountName: typeof accountName === 'string' ? accountName : undefined,
      onSecret: (secret) => secrets.add(secret),
      onAppData: (opened) => (data = opened),
      onAccount: (chosen) => (account = chosen),
    });
    if (command.account) useRoutePicker(cliRoutePicker({ from: proxyFrom, env: io.env, appData: () => ctx.appData() }));
    // As curl does, the system's certificate authorities are trusted too (where this Node can read them).
    trustSystemCertificates();
    const result = await command.execute(ctx, line);
    if (json && result.json !== undefined) out.document(result.json);
    return result.exit ?? (signal.aborted ? EXIT.cancelled : EXIT.ok);
  } catch (err) {
    const error = signal.aborted && !(err instanceof UsageError) ? new AppError('cancelled', phrase('cli:cancelled')) : asCliError(err);
    const code = exitCodeFor(error);
    const said = cliText.sayError(error);
    let message = said;
    if (code === EXIT.usage && words.length > 0) message = cliText.say('cli:error.seeCommandHelp', { message: said, command: words.join(' ') });
    else if (code === EXIT.usage) message = cliText.say('cli:error.seeHelp', { message: said });
    if (error.code === 'network' && account?.sandbox) message = cliText.say('cli:error.sandboxHint', { message: said });
    out.warn(message);
    if (io.env[DEBUG_ENV] === '1' && err instanceof Error && !(err instanceof AppError)) io.stderr.write(redact(`${err.stack ?? err.message}\n`));
    if (json) out.document({ error: { ...errorJson(error.toData()), exitCode: code } });
    return code;
  }
}
