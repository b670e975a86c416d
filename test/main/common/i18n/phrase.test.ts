// main's sentences travel as phrases: said in the reader's language by the window and the CLI, in English in the
// log; a server's words inside them stay exactly as the server wrote them.
import { describe, expect, it } from 'vitest';
import { AppError, isAppErrorData } from '../../../../main/common/errors';
import { ja } from '../../../../main/common/i18n/locales/ja/index';
import { inEnglish, isPhrase, phrase, sayPhrase, sayWords } from '../../../../main/common/i18n/phrase';
import { createTranslator } from '../../../../main/common/i18n/translator';

const japanese = createTranslator('ja', { ja });

describe('a phrase', () => {
  it('is said in English for the log and in Japanese for a Japanese reader', () => {
    const said = phrase('common:language.system', { language: 'English' });
    expect(inEnglish(said)).toBe('Follow the system (English)');
    expect(sayPhrase(japanese, said)).toBe('システムに合わせる（English）');
  });

  it('says a nested phrase in the same language', () => {
    const said = phrase('common:language.system', { language: phrase('common:action.cancel') });
    expect(sayPhrase(japanese, said)).toBe('システムに合わせる（キャンセル）');
  });

  it.each([
    ['interpolation', '{{language}} {{missing}}'],
    ['nesting', '$t(common:action.delete) $t(common:app.starting)'],
    ['markup', '<img src=x onerror=alert(1)>&amp;'],
    ['format', '{{value, bytes}}'],
  ])("keeps a server's words that look like %s as they are", (_kind, words) => {
    const said = phrase('common:language.system', { language: words });
    expect(inEnglish(said)).toBe(`Follow the system (${words})`);
    expect(sayPhrase(japanese, said)).toBe(`システムに合わせる（${words}）`);
  });

  it('says a list of names as the language lists them, each name as it is', () => {
    const said = phrase('common:language.system', { language: ['a', '{{b}}', 'c'] });
    expect(inEnglish(said)).toBe('Follow the system (a, {{b}} and c)');
    expect(sayPhrase(japanese, said)).toBe('システムに合わせる（a、{{b}}、c）');
    expect(inEnglish(phrase('common:language.system', { language: ['solo'] }))).toBe('Follow the system (solo)');
  });

  it('says sizes through the locale\'s size format, never as a count of "bytes"', () => {
    const said = phrase('errors:http.answerTooLargeDeclared', { host: 'media.example', declared: 9 * 1024 * 1024, limit: 8 * 1024 * 1024 });
    expect(inEnglish(said)).toBe('The answer from media.example is too large (9.0 MiB; at most 8.0 MiB).');
    expect(sayPhrase(japanese, said)).toBe('media.example からの応答が大きすぎます（9.0 MiB、上限 8.0 MiB）。');
  });

  it('shows the key of a phrase this catalogue does not know, never an empty line', () => {
    expect(sayPhrase(japanese, { key: 'errors:from.a.newer.main' as never })).toBe('errors:from.a.newer.main');
  });

  it("is said in place of main's English words when it comes with them, and the words are said as they are without one", () => {
    const said = phrase('common:action.cancel');
    expect(sayWords(japanese, 'Cancel', said)).toBe('キャンセル');
    expect(sayWords(japanese, 'Access denied by the server', undefined)).toBe('Access denied by the server');
  });

  it('is recognised only in its plain-data form', () => {
    expect(isPhrase({ key: 'common:action.cancel', values: { n: 1, s: 'x', p: { key: 'common:action.close' } } })).toBe(true);
    expect(isPhrase({ key: 'common:action.cancel', values: { n: Number.NaN } })).toBe(false);
    expect(isPhrase({ key: 'common:action.cancel', values: { n: { toString: 'x' } } })).toBe(false);
    expect(isPhrase({ key: 'common:action.cancel', values: ['a'] })).toBe(false);
    expect(isPhrase({ key: 'common:action.cancel', values: { names: ['a', 'b'] } })).toBe(true);
    expect(isPhrase({ key: 'common:action.cancel', values: { names: ['a', 2] } })).toBe(false);
    expect(isPhrase({ key: 'x'.repeat(201) })).toBe(false);
  });
});

describe('a phrase read from a file or a message', () => {
  it('is refused, not a crash, when nested deeper than main ever nests one', () => {
    const nested = (levels: number): unknown => (levels === 0 ? { key: 'errors:generic.internal' } : { key: 'errors:generic.internal', values: { reason: nested(levels - 1) } });
    expect(isPhrase(nested(8))).toBe(true);
    expect(isPhrase(nested(40))).toBe(false);
    const n = 50_000;
    const deep: unknown = JSON.parse(`${'{"key":"a","values":{"v":'.repeat(n)}{"key":"a"}${'}}'.repeat(n)}`);
    expect(isPhrase(deep)).toBe(false);
  });

  // A saved queue's phrase names its own values: names that are i18next's options (returnDetails made t() answer an
  // object, which crashed the Transfers row; lngs made it throw) are only values, never options.
  it.each(['returnDetails', 'returnObjects', 'lngs', 'lng', 'ns', 'context', 'postProcess', 'interpolation', 'replace', 'defaultValue', 'keySeparator'])(
    'is said as text when a value is named %s',
    (name) => {
      const said: unknown = JSON.parse(`{"key": "shell:transfer.job.cleanupCountedNone", "values": {"${name}": "1"}}`);
      expect(isPhrase(said)).toBe(true);
      if (!isPhrase(said)) return;
      expect(sayPhrase(japanese, said)).toBe('この期間に削除対象のメディアはありません。');
      expect(inEnglish({ key: 'common:language.system', values: { language: 'English', [name]: '1' } })).toBe('Follow the system (English)');
    },
  );

  it('is shown as its key, not read as a template, when the catalogue lacks the key', () => {
    const said: unknown = JSON.parse('{"key": "$t(shell:transfer.job.cleanupCountedNone) {{a}}", "values": {"a": "A", "lngs": "x", "returnDetails": "1"}}');
    expect(isPhrase(said) && sayPhrase(japanese, said)).toBe('$t(shell:transfer.job.cleanupCountedNone) {{a}}');
  });

  it('still picks the plural by its count and says the count', () => {
    expect(inEnglish(phrase('shell:transfer.job.cleanupCounted', { count: 1 }))).toMatch(/^1 media item found/);
    expect(sayPhrase(japanese, phrase('shell:transfer.job.cleanupCounted', { count: 1234 }))).toMatch(/^削除対象のメディアが 1,234 件/);
    expect(inEnglish(phrase('shell:transfer.job.cleanupCounted', { count: 1234 }))).toMatch(/^1,234 media items found/);
  });
});

describe('an AppError said with a phrase', () => {
  it('keeps English as its message and carries the phrase across the contract', () => {
    const error = new AppError('validation', phrase('common:language.system', { language: 'x' }));
    expect(error.message).toBe('Follow the system (x)');
    const data = error.toData();
    expect(data).toEqual({ code: 'validation', message: 'Follow the system (x)', phrase: { key: 'common:language.system', values: { language: 'x' } } });
    expect(isAppErrorData(JSON.parse(JSON.stringify(data)))).toBe(true);
    expect(isAppErrorData({ ...data, phrase: { key: 7 } })).toBe(false);
  });
});
