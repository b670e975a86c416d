// What --json documents carry: the same bytes in every language. Errors keep their code, their English message
// and their details; the phrase is for the text output, said in the reader's language, and stays out of the
// document (its shape is what scripts were written against).
import type { AppErrorData } from '../common/errors.js';

export type ErrorJson = Omit<AppErrorData, 'phrase'>;

export function errorJson(error: AppErrorData): ErrorJson {
  const { phrase: _said, ...rest } = error;
  return rest;
}

/** One document on one line (the sandbox's ready line). */
export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
