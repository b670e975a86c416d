// Pieces several commands share: the argument object handed to schemas, positional checks, targets in the
// media library written FOLDER/FILE, and per-item error records for batch results.
import { z } from 'zod';
import { toAppError, type AppErrorData } from '../../common/errors.js';
import type { ParsedLine } from '../argv.js';
import { firstFailure, type CommandContext } from '../command.js';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes.js';

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

export interface BatchStep<T> {
  /** What identifies the item in the results (target, mediaSid…). */
  record(item: T): Record<string, unknown>;
  /** Put before a failure's message on stderr ("name: …"); none when the message already names the item. */
  prefix?(item: T): string;
  /** Does the work and prints its line; returns fields to add to the item's result. */
  run(item: T): Promise<Record<string, unknown> | void>;
}

/**
 * Every item is tried in turn; a failure is reported on stderr and in the results, and the next item goes on.
 * The exit code is the first failure's (130 when stopped with Ctrl-C).
 */
export async function runBatch<T>(ctx: CommandContext, items: readonly T[], step: BatchStep<T>): Promise<{ results: Array<Record<string, unknown>>; exit?: ExitCode }> {
  const results: Array<Record<string, unknown>> = [];
  const codes: Array<ExitCode | undefined> = [];
  for (const item of items) {
    try {
      const extra = await step.run(item);
      results.push({ ...step.record(item), ok: true, ...(extra ?? {}) });
    } catch (err) {
      const failure = itemFailure(err);
      ctx.out.warn(`${step.prefix?.(item) ?? ''}${failure.error.message}`);
      codes.push(failure.exitCode);
      results.push({ ...step.record(item), ok: false, ...failure });
    }
  }
  const exit = ctx.signal.aborted ? EXIT.cancelled : firstFailure(codes);
  return exit !== undefined ? { results, exit } : { results };
}
