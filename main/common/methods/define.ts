// How a contract method is declared: its argument schema, and its result type as a phantom.
import type { z } from 'zod';

export interface MethodSpec<A extends z.ZodType, R> {
  args: A;
  /** Phantom: carries the result type only. */
  readonly result?: R;
}

export function method<A extends z.ZodType>(args: A) {
  return { returns: <R>(): MethodSpec<A, R> => ({ args }) };
}
