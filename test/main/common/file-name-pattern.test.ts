// The download-name pattern: refused in words when it could not work, and the names it makes are safe on Windows,
// macOS and Linux whatever the values in them.
import { inEnglish } from '../../../main/common/i18n/phrase';
import { describe, expect, it } from 'vitest';
import { checkFileNamePattern, DEFAULT_TWILIO_FILE_NAME_PATTERN, fileNameFromPattern, type FileNameValues } from '../../../main/common/file-name-pattern.js';
import { MAX_FILE_NAME_BYTES } from '../../../main/common/files.js';

const SID = 'ME5c5d0123456789abcdef0123456789ab';
const values: FileNameValues = { date: '2026-12-05', time: '1503', from: '+15551234567', to: '+15557654321', messageSid: 'SM0123456789abcdef0123456789abcdef', mediaSid: SID, ext: '.jpg' };

function nameBy(pattern: string, over: Partial<FileNameValues> = {}): string {
  const checked = checkFileNamePattern(pattern);
  if (!checked.ok) throw new Error(inEnglish(checked.problem));
  return fileNameFromPattern(checked.parts, { ...values, ...over });
}
const problemOf = (pattern: string): string => {
  const checked = checkFileNamePattern(pattern);
  return checked.ok ? '(accepted)' : inEnglish(checked.problem);
};

describe('checkFileNamePattern', () => {
  it('accepts the default and patterns of known tokens', () => {
    expect(nameBy(DEFAULT_TWILIO_FILE_NAME_PATTERN)).toBe(`2026-12-05_1503_+15551234567_${SID}.jpg`);
    expect(nameBy('{messageSid}-{to} {mediaSid}{ext}')).toBe(`SM0123456789abcdef0123456789abcdef-+15557654321 ${SID}.jpg`);
  });

  it('names an unknown token and lists the ones there are', () => {
    expect(problemOf('{date}_{sender}_{mediaSid}{ext}')).toBe('{sender} is not a token. The tokens are {date} {time} {from} {to} {messageSid} {mediaSid} {ext}.');
    expect(problemOf('{Date}{mediaSid}{ext}')).toMatch(/^\{Date\} is not a token/);
    expect(problemOf('{}{mediaSid}{ext}')).toMatch(/^\{\} is not a token/);
  });

  it('requires {mediaSid}, which keeps two names apart, and {ext} at the end', () => {
    expect(problemOf('{date}_{time}{ext}')).toMatch(/must contain \{mediaSid\}/);
    expect(problemOf('{mediaSid}')).toMatch(/End the pattern with \{ext\}/);
    expect(problemOf('{mediaSid}{ext}.txt')).toMatch(/End the pattern with \{ext\}/);
  });

  it('refuses path separators, characters Windows forbids, control characters and stray braces, in words', () => {
    expect(problemOf('../{mediaSid}{ext}')).toMatch(/“\/” cannot be in a file name/);
    expect(problemOf('..\\{mediaSid}{ext}')).toMatch(/“\\” cannot be in a file name/);
    expect(problemOf('{date}:{mediaSid}{ext}')).toMatch(/“:” cannot be in a file name/);
    expect(problemOf('a\u0000{mediaSid}{ext}')).toMatch(/^A control character cannot be in a file name/);
    expect(problemOf('a\n{mediaSid}{ext}')).toMatch(/^A control character/);
    expect(problemOf('{date{mediaSid}{ext}')).toMatch(/brace/);
    expect(problemOf('{mediaSid}}{ext}')).toMatch(/brace/);
  });

  it('refuses a token twice, text too long for every name to fit, and an empty pattern', () => {
    expect(problemOf('{from}{from}{mediaSid}{ext}')).toBe('{from} appears twice; use each token at most once.');
    expect(problemOf(`${'x'.repeat(41)}{mediaSid}{ext}`)).toMatch(/too long/);
    expect(problemOf(`${'é'.repeat(21)}{mediaSid}{ext}`)).toMatch(/too long/);
    expect(problemOf('   ')).toMatch(/Enter a pattern/);
  });
});

describe('fileNameFromPattern', () => {
  it('drops an unknown value with the separator beside it', () => {
    expect(nameBy(DEFAULT_TWILIO_FILE_NAME_PATTERN, { date: '', time: '', from: '' })).toBe(`${SID}.jpg`);
    expect(nameBy('{mediaSid}_{from}{ext}', { from: '' })).toBe(`${SID}.jpg`);
    expect(nameBy('photo-{date}-{mediaSid}{ext}', { date: '' })).toBe(`photo-${SID}.jpg`);
  });

  it('never makes a hidden file, a name ending in a dot or space, or a Windows device name', () => {
    expect(nameBy('.{mediaSid}{ext}')).toBe(`${SID}.jpg`);
    expect(nameBy(' .{mediaSid}{ext}')).toBe(`${SID}.jpg`);
    expect(nameBy('CON.{mediaSid}{ext}')).toBe(`_CON.${SID}.jpg`);
    expect(nameBy('{from}.{mediaSid}{ext}', { from: 'aux' })).toBe(`_aux.${SID}.jpg`);
    expect(nameBy('{mediaSid}{ext}', { ext: '.' })).toBe(SID);
  });

  it('replaces separators and forbidden characters a value brings (the values come from a remote server)', () => {
    const name = nameBy('{from}_{mediaSid}{ext}', { from: '../..\\x:<y>|"?*\u0007' });
    expect(name).toBe(`_.._x__y_______${SID}.jpg`);
    expect(name).not.toMatch(/[/\\:<>|"?*\x00-\x1f]/);
  });

  it('keeps every name within the length every file system takes', () => {
    const long = nameBy(`${'a'.repeat(40)}{date}{time}{from}{to}{messageSid}{mediaSid}{ext}`, { from: 'f'.repeat(500), to: '日'.repeat(500) });
    expect(new TextEncoder().encode(long).length).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(long.endsWith('.jpg')).toBe(true);
  });
});
