// The words main keeps and sends with an error or an item's result: English for the log and support, and the phrase
// for the window and the CLI to say in the reader's language; a server's (or the system's) words alone when there is
// no phrase.
import { describe, expect, it } from 'vitest';
import { AppError, errorWords, wordsOf } from '../../../main/common/errors';
import { phrase } from '../../../main/common/i18n/phrase';

describe('wordsOf', () => {
  it('is the phrase in English with the phrase itself', () => {
    const said = phrase('errors:staging.receiveFailed', { name: 'beach.jpg' });
    expect(wordsOf(said)).toEqual({ message: new AppError('io', said).message, phrase: said });
    expect(wordsOf(said).message).toContain('beach.jpg');
  });
});

describe('errorWords', () => {
  it("keeps an error's phrase and its English, and nothing else of it", () => {
    const error = new AppError('forbidden', phrase('errors:generic.cancelled'), { status: 403 });
    expect(errorWords(error)).toEqual({ message: error.message, phrase: error.phrase });
    expect(errorWords(error.toData())).toEqual({ message: error.message, phrase: error.phrase });
  });

  it('is the message alone for words without a phrase (a server\'s), with no phrase key at all', () => {
    expect(errorWords({ message: 'Quota exceeded' })).toStrictEqual({ message: 'Quota exceeded' });
    expect(errorWords(new AppError('remote', 'Quota exceeded'))).toStrictEqual({ message: 'Quota exceeded' });
  });
});
