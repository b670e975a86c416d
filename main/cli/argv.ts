// Reading a command's arguments: the project's one parser (main/common/args.ts) does the tokenising (--x v, --x=v,
// -h, --), strictly, and zod schemas per command turn the loose result into typed arguments. Every problem becomes a
// UsageError, which exits with 2.
import { z } from 'zod';
import { ArgsError, parseArgv, type ArgOptions } from '../common/args.js';
import { argsProblemPhrase } from '../common/args-words.js';
import { AppError, sayable, type ErrorDetails } from '../common/errors.js';
import type { MessageKey } from '../common/i18n/catalogue.js';
import { isPhrase, phrase, type Phrase, type PhraseValue } from '../common/i18n/phrase.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** The value's name in help: DIR, NAME… */
  value?: string;
  help: MessageKey;
}

export type OptionSpecs = Record<string, OptionSpec>;

/** A mistake on the command line: exit code 2. An AppError given is taken as the caller's mistake, words and all. */
export class UsageError extends AppError {
  constructor(message: Phrase | AppError, details?: ErrorDetails) {
    super('validation', message instanceof AppError ? sayable(message) : message, details ?? (message instanceof AppError ? message.details : undefined));
    this.name = 'UsageError';
  }
}

export interface ParsedLine {
  values: Record<string, unknown>;
  positionals: string[];
}

/**
 * A schema's message as a phrase: zod carries messages as strings, so the phrase travels as JSON and parseWith
 * turns it back into words in the reader's language.
 */
export function issue(key: MessageKey, values?: Record<string, PhraseValue>): string {
  return JSON.stringify(phrase(key, values));
}

function issuePhrase(message: string | undefined): Phrase | undefined {
  if (!message?.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(message);
    return isPhrase(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function parseCommandLine(specs: OptionSpecs, argv: readonly string[]): ParsedLine {
  const options: ArgOptions = {};
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = { type: spec.type, ...(spec.multiple ? { multiple: true } : {}), ...(spec.short ? { short: spec.short } : {}) };
  }
  try {
    const { values, positionals } = parseArgv(argv, options);
    return { values, positionals };
  } catch (err) {
    if (err instanceof ArgsError) throw new UsageError(argsProblemPhrase(err));
    throw err;
  }
}

/** Validates parsed arguments with a command's schema; the first problem becomes the usage error. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? String(issue.path[0]) : '';
  // Zod's default wording ("Invalid input: expected string") says nothing to a shell user; name the option.
  const said = issuePhrase(issue?.message);
  if (said) throw new UsageError(said);
  throw new UsageError(where === 'positionals' ? phrase('cli:usage.argumentsNotValid') : phrase('cli:usage.optionNotValid', { option: `--${where}` }));
}

/** A comma-separated list option: "a,b, c" -> ["a","b","c"]; "" -> [] (how a list is emptied). */
export const commaList = z.string().transform((text) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== ''),
);

/** A whole number option within bounds, with a message that names it. */
export function intOption(name: string, min: number, max: number) {
  return z
    .string()
    .regex(/^\d+$/, issue('cli:usage.wholeNumber', { option: `--${name}` }))
    .transform(Number)
    .refine((n) => n >= min && n <= max, issue('cli:usage.numberRange', { option: `--${name}`, min, max }));
}
