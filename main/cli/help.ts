// Help text, built from the command definitions so that it cannot drift from what the commands accept.
import { defaultDataDir } from '../app/paths.js';
import type { OptionSpecs } from './argv.js';
import type { Command } from './command.js';
import { EXIT_CODES_HELP } from './exit-codes.js';
import { COMMANDS, commandsUnder } from './registry.js';
import { SECRETS_HELP } from './secrets.js';

export const GLOBAL_OPTIONS: OptionSpecs = {
  'data-dir': { type: 'string', value: 'DIR', help: "the app's data folder, as the app's own --data-dir" },
  json: { type: 'boolean', help: 'one JSON document on stdout instead of text (errors: {"error": {code, message, exitCode}})' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

export const ACCOUNT_OPTIONS: OptionSpecs = {
  account: { type: 'string', value: 'NAME', help: 'the account, by its name or id; may be left out when only one account of this kind exists' },
};

/** Every option a command accepts: its own, --account when it uses one, and the global ones. */
export function optionsOf(command: Command): OptionSpecs {
  return { ...command.options, ...(command.account ? ACCOUNT_OPTIONS : {}), ...GLOBAL_OPTIONS };
}

function dataDirHelp(command?: Command): string {
  return command?.dataDirHelp ?? `the app's data folder (default: ${defaultDataDir()})`;
}

function optionLines(specs: OptionSpecs, command?: Command): string[] {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}${spec.multiple ? '...' : ''}`;
    return [flag, name === 'data-dir' ? dataDirHelp(command) : spec.help] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`);
}

function commandList(commands: readonly Command[]): string[] {
  const rows = commands.map((c) => [c.words.join(' '), c.summary] as const);
  const width = Math.max(...rows.map(([words]) => words.length));
  return rows.map(([words, summary]) => `  ${words.padEnd(width)}  ${summary}`);
}

const ACCOUNTS_HELP = [
  'Accounts are the app\'s own (add them in the app). --account picks one by its name or its id, as',
  '"media-desk accounts list" shows them; an unknown or ambiguous name is a usage error (exit 2). Sandbox',
  'accounts reach the sandbox built into the app, which runs while the app is open.',
];

export function mainHelp(): string {
  return [
    'media-desk: Media Desk on the command line, on the app\'s accounts and vault, without Electron.',
    '',
    'Usage: media-desk <command> [options]',
    '       media-desk <command> --help      the command\'s own help (also: media-desk help <command>)',
    '       media-desk --version',
    '',
    'Commands:',
    ...commandList(COMMANDS),
    '',
    'Options of every command:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    'Text goes to stdout and can be piped; errors, warnings and prompts go to stderr, one line each, and progress',
    'too when stderr is a terminal.',
    '',
    ...ACCOUNTS_HELP,
    '',
    ...SECRETS_HELP,
    '',
    ...EXIT_CODES_HELP,
    '',
  ].join('\n');
}

export function groupHelp(words: readonly string[]): string {
  return [`Usage: media-desk ${words.join(' ')} <command> [options]`, '', 'Commands:', ...commandList(commandsUnder(words)), '', 'Run "media-desk <command> --help" for a command\'s options.', ''].join('\n');
}

export function commandHelp(command: Command): string {
  return [
    `Usage: media-desk ${command.words.join(' ')} ${command.usage}`,
    '',
    `${command.summary}.`,
    ...(command.description.length > 0 ? ['', ...command.description] : []),
    '',
    'Options:',
    ...optionLines(optionsOf(command), command),
    ...(command.account ? ['', ...SECRETS_HELP] : []),
    '',
    ...EXIT_CODES_HELP,
    '',
  ].join('\n');
}
