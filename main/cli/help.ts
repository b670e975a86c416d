// Help text, built from the command definitions so that it cannot drift from what the commands accept. The words
// come from the catalogue (namespace `cli`); option names, usage lines and JSON shapes stay as they are typed.
import { defaultDataDir } from '../app/paths.js';
import type { OptionSpecs } from './argv.js';
import type { Command } from './command.js';
import { COMMANDS, commandsUnder } from './registry.js';
import { SECRET_ENV } from './secrets.js';
import type { CliWords } from './words.js';

export const GLOBAL_OPTIONS: OptionSpecs = {
  'data-dir': { type: 'string', value: 'DIR', help: 'cli:option.dataDir' },
  json: { type: 'boolean', help: 'cli:option.json' },
  lang: { type: 'string', value: 'en|ja', help: 'cli:option.lang' },
  help: { type: 'boolean', short: 'h', help: 'cli:option.help' },
};

/** The options of every command that works on an account, and so makes requests. */
export const ACCOUNT_OPTIONS: OptionSpecs = {
  account: { type: 'string', value: 'NAME', help: 'cli:option.account' },
  'proxy-from': { type: 'string', value: 'settings|env', help: 'cli:option.proxyFrom' },
};

/** Every option a command accepts: its own, --account when it uses one, and the global ones. */
export function optionsOf(command: Command): OptionSpecs {
  return { ...command.options, ...(command.account ? ACCOUNT_OPTIONS : {}), ...GLOBAL_OPTIONS };
}

function optionLines(words: CliWords, specs: OptionSpecs, command?: Command): string[] {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}${spec.multiple ? '...' : ''}`;
    const help = name !== 'data-dir' ? words.say(spec.help) : command?.dataDirHelp ? words.say(command.dataDirHelp) : words.say('cli:option.dataDirDefault', { folder: defaultDataDir() });
    return [flag, help] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`);
}

function commandList(words: CliWords, commands: readonly Command[]): string[] {
  const rows = commands.map((c) => [c.words.join(' '), words.say(c.summary)] as const);
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`);
}

/** The lines every --help ends with. */
function exitCodesHelp(words: CliWords): string[] {
  return [
    words.say('cli:help.exitCodes'),
    `  0    ${words.say('cli:help.exit.ok')}`,
    `  1    ${words.say('cli:help.exit.unexpected')}`,
    `  2    ${words.say('cli:help.exit.usage')}`,
    `  3    ${words.say('cli:help.exit.remote')}`,
    `  4    ${words.say('cli:help.exit.local')}`,
    `  130  ${words.say('cli:help.exit.cancelled')}`,
  ];
}

const secretsHelp = (words: CliWords): string => words.say('cli:help.secrets', { variable: SECRET_ENV });

export function mainHelp(words: CliWords): string {
  return [
    words.say('cli:help.intro'),
    '',
    words.say('cli:help.usage', { usage: 'media-desk <command> [options]' }),
    `       media-desk <command> --help      ${words.say('cli:help.usageCommandHelp')}`,
    '       media-desk --version',
    '',
    words.say('cli:help.commands'),
    ...commandList(words, COMMANDS),
    '',
    words.say('cli:help.globalOptions'),
    ...optionLines(words, GLOBAL_OPTIONS),
    '',
    words.say('cli:help.streams'),
    '',
    words.say('cli:help.accounts'),
    '',
    secretsHelp(words),
    '',
    words.say('cli:help.proxy'),
    '',
    ...exitCodesHelp(words),
    '',
  ].join('\n');
}

export function groupHelp(words: CliWords, group: readonly string[]): string {
  return [
    words.say('cli:help.usage', { usage: `media-desk ${group.join(' ')} <command> [options]` }),
    '',
    words.say('cli:help.commands'),
    ...commandList(words, commandsUnder(group)),
    '',
    words.say('cli:help.groupHint'),
    '',
  ].join('\n');
}

export function commandHelp(words: CliWords, command: Command): string {
  return [
    words.say('cli:help.usage', { usage: `media-desk ${command.words.join(' ')} ${command.usage}` }),
    '',
    words.say('cli:help.summary', { summary: words.say(command.summary) }),
    ...(command.description ? ['', words.say(command.description)] : []),
    '',
    words.say('cli:help.options'),
    ...optionLines(words, optionsOf(command), command),
    ...(command.account ? ['', secretsHelp(words), '', words.say('cli:help.proxy')] : []),
    '',
    ...exitCodesHelp(words),
    '',
  ].join('\n');
}
