// Reading a command's arguments: node:util parseArgs does the tokenising (--x v, --x=v, -h, --), strictly, and
// zod schemas per command turn the loose result into typed arguments. Every problem becomes a UsageError,
// which exits with 2.
import { parseArgs } from 'node:util';
import { z } from 'zod';
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

/** Node's own messages name internals ("positional argument starting with a '-'…"); these say what to do. */
function usageMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? 'an option';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown option ${option}.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (message.includes('does not take an argument')) return `${option} takes no value.`;
    if (message.includes('ambiguous')) return `${option} needs a value; for a value that starts with "-", write ${option}=VALUE.`;
    return `${option} needs a value.`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `Unexpected argument: ${message}`;
  return 'The command line could not be read.';
}

export function parseCommandLine(specs: OptionSpecs, argv: readonly string[]): ParsedLine {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {};
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = { type: spec.type, ...(spec.multiple ? { multiple: true } : {}), ...(spec.short ? { short: spec.short } : {}) };
  }
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
    return { values: { ...values }, positionals };
  } catch (err) {
    throw new UsageError(usageMessage(err));
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
