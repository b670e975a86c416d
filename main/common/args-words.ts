// What is wrong with a command line, as a phrase: the CLI and the browser host say ArgsError's problems in the
// reader's language with the same words. Apart from args.ts, which the sandbox imports without the catalogues.
import type { ArgsError, ArgsProblem } from './args.js';
import type { MessageKey } from './i18n/catalogue.js';
import { phrase, type Phrase } from './i18n/phrase.js';

const ARGS_PROBLEM: Record<ArgsProblem, MessageKey> = {
  'unknown-option': 'cli:usage.unknownOption',
  'unexpected-value': 'cli:usage.unexpectedValue',
  'value-looks-like-option': 'cli:usage.valueLooksLikeOption',
  'missing-value': 'cli:usage.missingValue',
};

export function argsProblemPhrase(err: ArgsError): Phrase {
  return phrase(ARGS_PROBLEM[err.problem], { option: err.option });
}
