// The receiving side of the contract: every call's method name and arguments are checked here, whatever host
// carried them, before any handler runs. Errors leave as typed values; anything unexpected is logged in full and
// reaches the UI only as a generic message.
import type { z } from 'zod';
import { contract, isMethodName, type InvokeResult, type MethodName, type MethodResult, type ParsedArgs } from '../common/contract.js';
import { AppError, redactWords, toAppError } from '../common/errors.js';
import { inEnglish, phrase } from '../common/i18n/phrase.js';
import { issuePhrase, plainErrors } from '../common/validation-messages.js';
import { windowStrings } from './window-strings.js';

export type Handlers = { [M in MethodName]: (args: ParsedArgs<M>) => Promise<MethodResult<M>> | MethodResult<M> };

export interface DispatchLog {
  error(scope: string, message: string): void;
}

export type DispatchRedactor = ((text: string) => string) & { windowSaid?: (texts: readonly string[]) => void };

export type Dispatcher = (method: unknown, args: unknown) => Promise<InvokeResult<unknown>>;

export function validationError(error: z.ZodError, method: string): AppError {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
  // zod lists every unrecognised key in one message: a hostile payload could make it thousands of characters long.
  const said = issuePhrase(issue);
  const reason = typeof said === 'string' ? shortened(said) : said;
  const whole = where ? phrase('errors:validation.invalidArgumentsAt', { method, field: shortened(where), reason }) : phrase('errors:validation.invalidArguments', { method, reason });
  if (!where) return new AppError('validation', whole);
  return new AppError('validation', whole, typeof reason === 'string' ? { field: where, reason } : { field: where, reason: inEnglish(reason), reasonPhrase: reason });

}

function shortened(text: string): string {
  return text.length > 300 ? `${text.slice(0, 297)}…` : text;
}

/**
 * `redact` cleans the message of an error before it leaves (a server may quote a secret back in its error). It is
 * told every call's strings first (windowSaid), so that what the window wrote comes back as it wrote it, whatever
 * the stored secrets: else a guess that came back hidden would be a right one.
 */
export function createDispatcher(handlers: Handlers, log: DispatchLog, redact: DispatchRedactor = (text) => text): Dispatcher {
  return async (method, args) => {
    if (!isMethodName(method)) {
      return { ok: false, error: new AppError('validation', phrase('errors:ipc.unknownMethod')).toData() };

    }
    const parsed = contract[method].args.safeParse(args === undefined ? {} : args, { error: plainErrors });
    if (!parsed.success) return { ok: false, error: validationError(parsed.error, method).toData() };
    redact.windowSaid?.(windowStrings(method, parsed.data));
    try {
      const handler = handlers[method] as (a: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (err) {
      const appError = toAppError(err);
      if (appError.code === 'internal') log.error('contract', `${method} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      const data = appError.toData();
      // A server may quote a secret in its words, which travel in the phrase's values too.
      return { ok: false, error: redactWords(data, redact) };
    }
  };
}
