// Pieces several commands share: the argument object handed to schemas, positional checks, targets in the
// media library written FOLDER/FILE, and per-item error records for batch results.
import { z } from 'zod';
import { toAppError, type AppError } from '../../common/errors.js';
import { issue, type ParsedLine } from '../argv.js';
import { firstFailure, type CommandContext } from '../command.js';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes.js';
import { errorJson, type ErrorJson } from '../json.js';

/** The parsed line as one object for a zod schema: the options by name, plus `positionals`. */
export function argsOf(line: ParsedLine): Record<string, unknown> {
  return { ...line.values, positionals: line.positionals };
}

export const noPositionals = (command: string) => z.array(z.string()).max(0, issue('cli:usage.noArguments', { command }));

/** One item of a batch that failed: the error as data for --json, and the exit code it stands for. */
export interface ItemFailure {
  error: ErrorJson;
  exitCode: ExitCode;
}

/** The failure for the results, and the error itself for saying it. */
export function itemFailure(err: unknown): ItemFailure & { appError: AppError } {
  const error = toAppError(err);
  return { error: errorJson(error.toData()), exitCode: exitCodeFor(error), appError: error };
}

/** A failure's line on stderr, with the item it is about when the message does not name it. */
export function failureLine(ctx: CommandContext, error: AppError, item?: string): string {
  const message = ctx.words.sayError(error);
  return item === undefined ? message : ctx.words.say('cli:item.failed', { item, message });
}

export interface BatchStep<T> {
  /** What identifies the item in the results (target, mediaSid…). */
  record(item: T): Record<string, unknown>;
  /** Said before a failure's message on stderr ("name: …"); none when the message already names the item. */
  name?(item: T): string;
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
      const { appError, ...failure } = itemFailure(err);
      ctx.out.warn(failureLine(ctx, appError, step.name?.(item)));
      codes.push(failure.exitCode);
      results.push({ ...step.record(item), ok: false, ...failure });
    }
  }
  const exit = ctx.signal.aborted ? EXIT.cancelled : firstFailure(codes);
  return exit !== undefined ? { results, exit } : { results };
}
