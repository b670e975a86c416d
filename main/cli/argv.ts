// Reading a command's arguments: the project's one parser (main/common/args.ts) does the tokenising (--x v, --x=v,
// -h, --), strictly, and zod schemas per command turn the loose result into typed arguments. Every problem becomes a
// UsageError, which exits with 2.
import { z } from 'zod';
import { ArgsError, parseArgv, type ArgOptions } from '../common/args.js';
import { AppError, type ErrorDetails } from '../common/errors.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** The value's name in help: DIR, NAME… */
  value?: string;
  help: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

/** A mistake on the command line: exit code 2. */
export class UsageError extends AppError {
  constructor(message: string, details?: ErrorDetails) {
    super('validation', message, details);
    this.name = 'UsageError';
  }
}

export interface ParsedLine {
  values: Record<string, unknown>;
  positionals: string[];
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
    if (err instanceof ArgsError) throw new UsageError(err.message);
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
  const custom = issue?.message && !/^Invalid input|^Too (small|big)|^Invalid/.test(issue.message);
  throw new UsageError(custom ? issue.message : `${where === 'positionals' ? 'The arguments are' : `--${where} is`} not valid.`);
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
    .regex(/^\d+$/, `--${name} must be a whole number.`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `--${name} must be from ${min} to ${max}.`);
}
