// zod's own messages ("Invalid input: expected string, received undefined") are for programmers. This error map says
// the same in words; schemas that give their own message keep it (a schema's message wins over a parse's map). Used
// by the renderer's forms and by main's dispatcher, so that both say the same thing about the same value.
import type { z } from 'zod';

function plural(count: number | bigint, one: string): string {
  return `${count} ${one}${Number(count) === 1 ? '' : 's'}`;
}

export const plainErrors: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return 'This is required.';
      return issue.expected === 'string' ? 'Enter text here.' : issue.expected === 'number' ? 'Enter a number here.' : 'This value is not of the right kind.';
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'This is required.' : `Enter at least ${plural(issue.minimum, 'character')}.`;
      if (issue.origin === 'array') return Number(issue.minimum) <= 1 ? 'Add at least one.' : `Add at least ${issue.minimum}.`;
      return `The smallest allowed is ${issue.minimum}.`;
    case 'too_big':
      if (issue.origin === 'string') return `Use at most ${plural(issue.maximum, 'character')}.`;
      if (issue.origin === 'array') return `At most ${issue.maximum} are allowed.`;
      return `The largest allowed is ${issue.maximum}.`;
    case 'invalid_value':
      return issue.values.length <= 5 ? `Choose one of: ${issue.values.map(String).join(', ')}.` : 'Choose one of the offered values.';
    case 'invalid_format':
      return 'This is not in the expected format.';
    case 'unrecognized_keys':
      return `Not expected here: ${issue.keys.slice(0, 3).map((key) => key.slice(0, 40)).join(', ')}${issue.keys.length > 3 ? '…' : ''}.`;
    default:
      return undefined;
  }
};
