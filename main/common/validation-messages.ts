// zod's own messages ("Invalid input: expected string, received undefined") are for programmers. This error map says
// the same in words; schemas that give their own message keep it (a schema's message wins over a parse's map). Used
// by the renderer's forms and by main's dispatcher, so that both say the same thing about the same value.
//
// zod carries a message as a string, so the words are made in English from a phrase, and the phrase is remembered by
// its English text: issuePhrase gives it back for the window and the CLI to say in the reader's language.
import type { z } from 'zod';
import { inEnglish, phrase, type Phrase } from './i18n/phrase.js';

const KNOWN_MAX = 2000;
const known = new Map<string, Phrase>();

/** A validation message (an error map's or a schema's own), in English, remembered so that issuePhrase can say it. */
export function fieldMessage(said: Phrase): string {
  const text = inEnglish(said);
  if (!known.has(text)) {
    // Bounded: messages with values (a count, a list of keys) are many; the oldest are the least likely to recur.
    if (known.size >= KNOWN_MAX) known.delete(known.keys().next().value ?? '');
    known.set(text, said);
  }
  return text;
}

/**
 * A schema's own message, said when a value fails rather than when the schema is built: most schemas are built at
 * start-up and most messages are never needed, and saying them all then (i18next, the first Intl number format) cost
 * the browser host a fifth of its start. Goes where zod takes a message: `.max(n, fieldError(p))`, `z.string(fieldError(p))`.
 */
export function fieldError(said: Phrase): { error: () => string } {
  return { error: () => fieldMessage(said) };
}

/** zod's own English ("Invalid input: expected string…", "Too big: …"), which no schema here writes. */
const ZOD_DEFAULT = /^(Invalid |Too (big|small):|Unrecognized key)/;

/**
 * What is wrong, as a phrase: the one its message was made from; for zod's own wording (a parse without the error
 * map) a generic one by the issue's kind; else the schema's words as they are.
 */
export function issuePhrase(issue: Pick<z.core.$ZodIssue, 'code' | 'message'> | undefined): Phrase | string {
  if (!issue) return phrase('errors:validation.invalid');
  const remembered = known.get(issue.message);
  if (remembered) return remembered;
  if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
  switch (issue.code) {

    case 'invalid_type':
      return phrase('errors:validation.wrongKind');
    case 'too_small':
      return phrase('errors:validation.tooSmall');
    case 'too_big':
      return phrase('errors:validation.tooBig');
    case 'invalid_value':
      return phrase('errors:validation.notOffered');
    case 'invalid_format':
      return phrase('errors:validation.format');
    case 'unrecognized_keys':
      return phrase('errors:validation.unexpected');
    default:
      return phrase('errors:validation.invalidValue');
  }
}

function plainPhrase(issue: z.core.$ZodRawIssue): Phrase | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return phrase('errors:validation.required');
      return issue.expected === 'string' ? phrase('errors:validation.text') : issue.expected === 'number' ? phrase('errors:validation.number') : phrase('errors:validation.wrongKind');
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? phrase('errors:validation.required') : phrase('errors:validation.minChars', { count: Number(issue.minimum) });
      if (issue.origin === 'array') return Number(issue.minimum) <= 1 ? phrase('errors:validation.addOne') : phrase('errors:validation.minItems', { minimum: Number(issue.minimum) });
      return phrase('errors:validation.minimum', { minimum: String(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return phrase('errors:validation.maxChars', { count: Number(issue.maximum) });
      if (issue.origin === 'array') return phrase('errors:validation.maxItems', { maximum: Number(issue.maximum) });
      return phrase('errors:validation.maximum', { maximum: String(issue.maximum) });
    case 'invalid_value':
      return issue.values.length <= 5 ? phrase('errors:validation.oneOf', { values: issue.values.map(String).join(', ') }) : phrase('errors:validation.notOffered');
    case 'invalid_format':
      return phrase('errors:validation.format');
    case 'unrecognized_keys':
      return phrase(issue.keys.length > 3 ? 'errors:validation.unexpectedKeysMore' : 'errors:validation.unexpectedKeys', {
        keys: issue.keys.slice(0, 3).map((key) => key.slice(0, 40)).join(', '),
      });
    default:
      return undefined;
  }
}

export const plainErrors: z.core.$ZodErrorMap = (issue) => {
  const said = plainPhrase(issue);
  return said ? fieldMessage(said) : undefined;
};
