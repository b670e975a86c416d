import { describe, expect, it } from 'vitest';
import {
  addressEntrySchema,
  addressNameProblem,
  displayName,
  indexAddressBook,
  MAX_ADDRESS_ENTRIES,
  nameWithId,
  shortId,
  type AddressEntry,
} from '../../../main/common/address-book.js';
import { formatAddressCsv, MAX_ADDRESS_CSV_CHARS, parseAddressCsv } from '../../../main/common/address-book-csv.js';
import { csvCell } from '../../../main/common/csv-cell.js';
import { AppError } from '../../../main/common/errors.js';

const GUID = '14d9f582-6f1c-4c5e-9b0a-2d7e3f1a9c44';
const entry = (id: string, name: string, kind: AddressEntry['kind'] = 'user', note = ''): AddressEntry => ({ id, kind, name, note });

describe('address book entries', () => {
  it('trims names and unifies a note\'s line ends', () => {
    expect(addressEntrySchema.parse({ id: GUID, kind: 'user', name: '  Ann  ', note: 'a\r\nb' })).toEqual(entry(GUID, 'Ann', 'user', 'a\nb'));
  });

  it.each([
    ['an id that could leave its path segment', { id: '../etc', kind: 'user', name: 'x' }, 'This id cannot be used'],
    ['an empty name', { id: GUID, kind: 'user', name: '   ' }, 'Enter a name.'],
    ['a kind that is neither', { id: GUID, kind: 'group', name: 'x' }, 'Choose "user" or "app".'],
    ['a name with a line break', { id: GUID, kind: 'user', name: 'a\nb' }, 'line breaks'],
    ['a name with a right-to-left override', { id: GUID, kind: 'user', name: 'evil\u202E)uoy(' }, 'reverse the text'],
    ['a name with a zero-width space', { id: GUID, kind: 'user', name: 'Ann\u200B' }, 'invisible'],
    ['an unknown key', { id: GUID, kind: 'user', name: 'x', admin: true }, ''],
  ])('refuses %s', (_what, value, message) => {
    const parsed = addressEntrySchema.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain(message);
  });

  it('accepts right-to-left scripts and the joiners they need', () => {
    expect(addressNameProblem('שרה כהן')).toBeUndefined();
    expect(addressNameProblem('می\u200Cخواهم')).toBeUndefined();
    expect(addressNameProblem('👩\u200D💻 Dev')).toBeUndefined();
  });
});

describe('displayName and nameWithId', () => {
  const book = indexAddressBook([entry(GUID, 'Ann Lee'), entry('app-1', 'Media Desk', 'app')]);
  it('names a known id, shortens an unknown long one and keeps a short one whole', () => {
    expect(displayName(GUID, book)).toBe('Ann Lee');
    expect(displayName('b063825e-0000-4000-8000-000000000001', book)).toBe('b063825e…');
    expect(shortId('app-2')).toBe('app-2');
    expect(displayName('app-1', undefined)).toBe('app-1');
  });
  it('puts the id after the name only when there is a name', () => {
    expect(nameWithId(GUID, book)).toBe(`Ann Lee (${GUID})`);
    expect(nameWithId('someone', book)).toBe('someone');
  });
});

describe('address book CSV', () => {
  const hostile: AddressEntry[] = [
    entry(GUID, 'Lee, Ann "the boss"', 'user', 'first line\nsecond, with comma'),
    entry('app-1', '=HYPERLINK("http://evil.example","click")', 'app', '+cmd|\' /C calc\'!A0'),
    entry('-2+3', '@SUM(A1)', 'user', '-1'),
    entry('quoted', "'=already quoted", 'user', "''+twice"),
    entry('rtl', 'שרה כהן', 'user', 'ملاحظة'),
    entry('emoji', '👩\u200D💻 Dev', 'app', ''),
  ];

  it('round-trips quotes, commas, line breaks, formula-like and right-to-left values exactly', () => {
    const text = formatAddressCsv(hostile);
    const back = parseAddressCsv(text);
    expect(back.problems).toEqual([]);
    expect(back.rows.map((r) => r.entry)).toEqual(hostile);
    // The second entry starts on line 3 plus the line its note's break adds.
    expect(back.rows.map((r) => r.line)).toEqual([2, 4, 5, 6, 7, 8]);
  });

  it('writes no cell a spreadsheet would run as a formula', () => {
    const text = formatAddressCsv(hostile);
    const cells = text.replace(/^\uFEFF/, '').split(/,|\r\n/).map((c) => c.replace(/^"/, ''));
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('\tx')).toBe("'\tx");
  });

  it('starts with a byte order mark and the header, and ends lines with CRLF', () => {
    const text = formatAddressCsv([entry('a', 'A')]);
    expect(text).toBe('\uFEFFid,kind,name,note\r\na,user,A,\r\n');
  });

  it('reads LF files, a byte order mark, columns in another order, no note column and blank lines', () => {
    const parsed = parseAddressCsv('\uFEFFName,ID,Kind\n\nAnn,ann,User\n"Bob",bob,app\n');
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual([
      { line: 3, entry: entry('ann', 'Ann') },
      { line: 4, entry: entry('bob', 'Bob', 'app') },
    ]);
  });

  it('reports each refused row with its line and the first of a repeated id wins', () => {
    const text = [
      'id,kind,name,note',
      'ann,user,Ann,',
      '../x,user,Path,',
      'bob,robot,Bob,',
      'ann,user,Ann again,',
      'cy,user,"Cy, C",extra,',
      'dee,user,Dee "D",',
      'eve,user,"Eve"x,',
      'zw,user,Zed\u200B,',
      'ok,app,Fine,',
    ].join('\r\n');
    const parsed = parseAddressCsv(text);
    expect(parsed.rows.map((r) => r.entry.id)).toEqual(['ann', 'ok']);
    expect(parsed.problems.map((p) => [p.line, p.message.slice(0, 30)])).toEqual([
      [3, 'The id: This id cannot be used'],
      [4, 'The kind: Choose "user" or "ap'],
      [5, 'The id "ann" is already on lin'],
      [6, 'This row has 5 values; the hea'],
      [7, 'A quote (") is inside a value '],
      [8, 'There is text after a closing '],
      [9, 'The name: A name cannot contai'],
    ]);
    expect(parsed.problems[2]?.message).toContain('line 2');
  });

  it('reports a quote left open on the line it opens, keeping the rows before it', () => {
    const parsed = parseAddressCsv('id,kind,name\r\nann,user,Ann\r\nbob,user,"Bob\r\ncy,user,Cy\r\n');
    expect(parsed.rows.map((r) => r.entry.id)).toEqual(['ann']);
    expect(parsed.problems).toMatchObject([{ line: 3, id: 'bob', message: expect.stringContaining('not closed') }]);
  });

  it('refuses a file without the header, and one too large, as a whole', () => {
    expect(() => parseAddressCsv('ann,user,Ann\n')).toThrow(/first line must name the columns/);
    expect(() => parseAddressCsv('id,kind,name,note,password\n')).toThrow(AppError);
    expect(() => parseAddressCsv('')).toThrow(/not an address book/);
    const big = `id,kind,name\n${'a,user,A\n'.repeat(MAX_ADDRESS_CSV_CHARS / 9 + 1)}`;
    expect(() => parseAddressCsv(big)).toThrow(/too large/);
  });

  it(`keeps at most ${MAX_ADDRESS_ENTRIES} entries`, () => {
    const rows = Array.from({ length: MAX_ADDRESS_ENTRIES + 2 }, (_, i) => `u${i},user,U${i}`);
    const parsed = parseAddressCsv(`id,kind,name\n${rows.join('\n')}`);
    expect(parsed.rows).toHaveLength(MAX_ADDRESS_ENTRIES);
    expect(parsed.problems).toHaveLength(2);
    expect(parsed.problems[0]?.message).toContain('at most');
  });
});
