// What --json documents carry: the same bytes in every language. Errors keep their code, their English message
// and their details; the phrase is for the text output, said in the reader's language, and stays out of the
// document (its shape is what scripts were written against).
import type { AppErrorData } from '../common/errors.js';

export type ErrorJson = Omit<AppErrorData, 'phrase'>;

export function errorJson(error: AppErrorData): ErrorJson {
  const { phrase: _said, ...rest } = error;
  return rest;
}

/**
 * JSON text safe for a terminal: JSON.stringify escapes U+0000–U+001F (ESC included) but writes DEL and the C1
 * controls (U+009B is CSI) as they are; here they are escaped too, which any JSON reader reads back unchanged (they
 * can only stand inside strings).
 */
export function jsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One document on one line (the sandbox's ready line). */
export function jsonLine(value: unknown): string {
  return `${jsonText(value)}\n`;
}
