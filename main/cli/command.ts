// The shape every command has: its words, its help, its options, how it reads its arguments (typed, validated)
// and what it does. The registry and the help are built from these, so a command cannot exist without help.
import type { AccountKind } from '../common/accounts.js';
import type { MessageKey } from '../common/i18n/catalogue.js';
import type { ChosenAccount } from './accounts.js';
import type { AppData } from './app-data.js';
import type { OptionSpecs, ParsedLine } from './argv.js';
import type { ExitCode } from './exit-codes.js';
import type { CliIo, Output } from './io.js';
import type { CliWords } from './words.js';

export interface CommandContext {
  io: CliIo;
  out: Output;
  /** The reader's language: every line for people is said through it. */
  words: CliWords;
  /** Fires on Ctrl-C: transfers stop and the command ends with exit code 130. */
  signal: AbortSignal;
  /** --data-dir as given, resolved against the working folder. */
  dataDirOption: string | undefined;
  /** The app's data folder (--data-dir, else the per-user default), opened once. */
  appData(): Promise<AppData>;
  /** The account named by --account, or the only account of that kind. */
  account<K extends AccountKind>(kind: K): Promise<ChosenAccount<K>>;
  /** The account's secret: vault, then MEDIA_DESK_SECRET, then a prompt. */
  secret<K extends AccountKind>(account: ChosenAccount<K>): Promise<string>;
  /** A path from the command line, resolved against the working folder. */
  resolvePath(file: string): string;
}

export interface CommandResult {
  /** The document printed with --json; undefined when the command printed it itself (the sandbox, once ready). */
  json: unknown;
  /** Set when some items of a batch failed (their errors are already on stderr): the first failure's code. */
  exit?: ExitCode;
}

export interface CommandSpec<A> {
  words: readonly string[];
  /** Catalogue keys, like every text of the help: */
  summary: MessageKey;
  /** The arguments after the words, e.g. "FOLDER[/FILE]... [options]". */
  usage: string;
  /** Paragraphs of the command's help, lines broken in the catalogue. */
  description?: MessageKey;
  options?: OptionSpecs;
  /** The kind of account the command works on: adds --account and the secrets paragraph to its help. */
  account?: AccountKind;
  /** For commands whose --data-dir is not the app's folder (the sandbox's own). */
  dataDirHelp?: MessageKey;
  /** Turns the parsed line into typed arguments; throws UsageError. */
  parse(line: ParsedLine): A;
  run(ctx: CommandContext, args: A): Promise<CommandResult>;
}

export interface Command {
  words: readonly string[];
  summary: MessageKey;
  usage: string;
  description: MessageKey | undefined;
  options: OptionSpecs;
  account: AccountKind | undefined;
  dataDirHelp: MessageKey | undefined;
  execute(ctx: CommandContext, line: ParsedLine): Promise<CommandResult>;
}

export function defineCommand<A>(spec: CommandSpec<A>): Command {
  return {
    words: spec.words,
    summary: spec.summary,
    usage: spec.usage,
    description: spec.description,
    options: spec.options ?? {},
    account: spec.account,
    dataDirHelp: spec.dataDirHelp,
    // Parsing happens before anything is opened or sent: a bad argument costs nothing.
    execute: (ctx, line) => spec.run(ctx, spec.parse(line)),
  };
}

/** The first failure's exit code among a batch's items, or undefined when all went well. */
export function firstFailure(codes: ReadonlyArray<ExitCode | undefined>): ExitCode | undefined {
  return codes.find((code) => code !== undefined && code !== 0);
}
