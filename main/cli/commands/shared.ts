// Pieces several commands share: the argument object handed to schemas, positional checks, targets in the
// media library written FOLDER/FILE, and per-item error records for batch results.
import { z } from 'zod';
import { toAppError, type AppErrorData } from '../../common/errors.js';
import type { ParsedLine } from '../argv.js';
import { exitCodeFor, type ExitCode } from '../exit-codes.js';

/** The parsed line as one object for a zod schema: the options by name, plus `positionals`. */
export function argsOf(line: ParsedLine): Record<string, unknown> {
  return { ...line.values, positionals: line.positionals };
}

export const noPositionals = (command: string) => z.array(z.string()).max(0, `"${command}" takes no arguments.`);

/** One item of a batch that failed: the error as data for --json, and the exit code it stands for. */
export interface ItemFailure {
  error: AppErrorData;
  exitCode: ExitCode;
}

export function itemFailure(err: unknown): ItemFailure {
  const error = toAppError(err);
  return { error: error.toData(), exitCode: exitCodeFor(error) };
}
