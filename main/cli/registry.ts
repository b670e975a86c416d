// Every command, and finding the one a command line names. Words come first ("library acl set"); options may
// come before them too (`media-desk --data-dir X accounts list`), so options that take a value are skipped with it.
import { phrase } from '../common/i18n/phrase.js';
import { UsageError, type OptionSpecs } from './argv.js';
import type { Command } from './command.js';
import { accountsList } from './commands/accounts.js';
import { addressBookExport, addressBookImport, addressBookList, addressBookRemove, addressBookSet } from './commands/address-book.js';
import { libraryAclGet, libraryAclSet } from './commands/library-acl.js';
import { libraryLs, libraryMkdir, libraryRm } from './commands/library-browse.js';
import { libraryGet, libraryPut } from './commands/library-transfer.js';
import { sandbox } from './commands/sandbox.js';
import { twilioMediaGet, twilioMediaList, twilioMediaRm } from './commands/twilio-media.js';
import { twilioCleanup } from './commands/twilio-cleanup.js';
import { twilioMessages } from './commands/twilio-messages.js';
import { upload } from './commands/upload.js';

export const COMMANDS: readonly Command[] = [
  accountsList,
  upload,
  libraryLs,
  libraryMkdir,
  libraryRm,
  libraryGet,
  libraryPut,
  libraryAclGet,
  libraryAclSet,
  twilioMessages,
  twilioMediaList,
  twilioMediaGet,
  twilioMediaRm,
  twilioCleanup,
  addressBookList,
  addressBookSet,
  addressBookRemove,
  addressBookImport,
  addressBookExport,
  sandbox,
];

function startsWith(words: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((word, i) => words[i] === word);
}

export function commandsUnder(prefix: readonly string[]): Command[] {
  return COMMANDS.filter((command) => startsWith(command.words, prefix));
}

export interface Resolved {
  /** The command named, or undefined when the words stop at a group ("library") or there are none. */
  command: Command | undefined;
  words: string[];
  /** Everything else, in order: options and the command's own arguments. */
  rest: string[];
}

/**
 * Splits a command line into the command's words and the rest. Throws UsageError for a word that names no
 * command. `valueOptions` are options that take a value, so their value is not taken for a command word.
 */
export function resolveCommand(argv: readonly string[], valueOptions: OptionSpecs): Resolved {
  const words: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg.startsWith('-') && arg !== '-') {
      rest.push(arg);
      const name = arg.replace(/^--?/, '');
      if (!arg.includes('=') && valueOptions[name]?.type === 'string' && i + 1 < argv.length) rest.push(argv[++i]!);
      continue;
    }
    // "media-desk help library acl" is "media-desk library acl --help".
    if (words.length === 0 && arg === 'help') {
      const inner = resolveCommand(argv.slice(i + 1), valueOptions);
      return { ...inner, rest: [...rest, ...inner.rest, '--help'] };
    }
    const next = [...words, arg];
    if (commandsUnder(next).length === 0) {
      throw new UsageError(phrase('cli:usage.unknownCommand', { command: next.join(' ') }));
    }
    words.push(arg);
    const exact = COMMANDS.find((command) => command.words.length === words.length && startsWith(command.words, words));
    if (exact) return { command: exact, words, rest: [...rest, ...argv.slice(i + 1)] };
  }
  return { command: undefined, words, rest };
}
