import { describe, expect, it } from 'vitest';
import { dateRangeParams, isDay, parseRfc2822, rfc2822ToIso, toIsoSecond } from '../../../../main/providers/twilio/dates.js';

describe('parseRfc2822', () => {
  it('reads the dates Twilio writes, with or without the weekday, honouring the offset', () => {
    expect(parseRfc2822('Fri, 17 Jul 2009 01:52:49 +0000')).toBe(Date.UTC(2009, 6, 17, 1, 52, 49));
    expect(parseRfc2822('17 Jul 2009 01:52:49 +0000')).toBe(Date.UTC(2009, 6, 17, 1, 52, 49));
    expect(parseRfc2822('Fri, 17 Jul 2009 03:52:49 +0200')).toBe(Date.UTC(2009, 6, 17, 1, 52, 49));
    expect(parseRfc2822('Thu, 16 Jul 2009 20:52:49 -0500')).toBe(Date.UTC(2009, 6, 17, 1, 52, 49));
    expect(parseRfc2822('Fri, 17 Jul 2009 01:52:49 GMT')).toBe(Date.UTC(2009, 6, 17, 1, 52, 49));
  });

  it('refuses what is not an RFC 2822 date', () => {
    for (const text of ['2009-07-17T01:52:49Z', 'Fri, 31 Feb 2009 01:52:49 +0000', 'Fri, 17 Jul 2009 25:52:49 +0000', 'yesterday', '']) {
      expect(parseRfc2822(text), text).toBeUndefined();
    }
  });
});

describe('rfc2822ToIso', () => {
  /** What the general reader makes of a text: the instant it names, to the second, in ISO 8601. */
  const general = (text: string): string | undefined => {
    const ms = parseRfc2822(text);
    return ms === undefined ? undefined : toIsoSecond(ms);
  };

  it("turns Twilio's dates into ISO 8601, leap days and the other offsets included", () => {
    expect(rfc2822ToIso('Fri, 17 Jul 2009 01:52:49 +0000')).toBe('2009-07-17T01:52:49Z');
    expect(rfc2822ToIso('Thu, 29 Feb 2024 23:59:59 +0000')).toBe('2024-02-29T23:59:59Z');
    expect(rfc2822ToIso('Tue, 29 Feb 2000 00:00:00 +0000')).toBe('2000-02-29T00:00:00Z');
    expect(rfc2822ToIso('Thu, 16 Jul 2009 20:52:49 -0500')).toBe('2009-07-17T01:52:49Z');
    expect(rfc2822ToIso('17 Jul 2009 01:52:49 GMT')).toBe('2009-07-17T01:52:49Z');
  });

  it('refuses days that do not exist and times out of range', () => {
    for (const text of ['Thu, 29 Feb 2023 10:00:00 +0000', 'Mon, 29 Feb 1900 10:00:00 +0000', 'Mon, 31 Apr 2024 10:00:00 +0000', 'Mon, 00 Apr 2024 10:00:00 +0000', 'Mon, 01 Apr 2024 24:00:00 +0000', 'Mon, 01 Apr 2024 10:60:00 +0000', 'Mon, 01 Apr 2024 1O:00:00 +0000', 'Mon, 01 Apx 2024 10:00:00 +0000', 'Mox, 01 Apr 2024 10:00:00 +0000']) {
      expect(rfc2822ToIso(text), text).toBeUndefined();
    }
  });

  it('reads every one-character change of a date exactly as the general reader does', () => {
    // Whatever the shortcut for Twilio's own layout accepts, refuses or computes, the general reader agrees with.
    const samples = ['Fri, 17 Jul 2009 01:52:49 +0000', 'Thu, 29 Feb 2024 23:59:59 +0000', 'Sat, 31 Dec 2022 00:00:00 +0000', 'Wed, 01 Mar 2023 12:30:45 +0000'];
    const replacements = [...'0123456789 ,:+-ZAFJMSTadeglnoruvxy\t\u00a0'];
    let compared = 0;
    for (const sample of samples) {
      for (let at = 0; at < sample.length; at++) {
        for (const r of [...replacements, '', '00']) {
          const text = sample.slice(0, at) + r + sample.slice(at + 1);
          expect(rfc2822ToIso(text), JSON.stringify(text)).toBe(general(text));
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(4000);
  });

  it('agrees with the general reader on every day of a leap year and a common one', () => {
    for (const year of [2023, 2024]) {
      for (let t = Date.UTC(year, 0, 1, 7, 8, 9); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
        const text = new Date(t).toUTCString().replace('GMT', '+0000');
        expect(rfc2822ToIso(text)).toBe(toIsoSecond(t));
      }
    }
  });
});

describe('isDay', () => {
  it('accepts real calendar days only', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2023-02-29')).toBe(false);
    expect(isDay('2024-13-01')).toBe(false);
    expect(isDay('2024-3-01')).toBe(false);
  });
});

describe('dateRangeParams', () => {
  it('makes day bounds inclusive of the whole day', () => {
    expect(dateRangeParams('DateCreated', { after: '2024-03-01', before: '2024-03-02' }, 'dateCreated')).toEqual([
      ['DateCreated>', '2024-03-01T00:00:00Z'],
      ['DateCreated<', '2024-03-02T23:59:59Z'],
    ]);
  });

  it('passes date-times through in UTC', () => {
    expect(dateRangeParams('DateSent', { after: '2024-03-01T10:00:00+02:00' }, 'dateSent')).toEqual([['DateSent>', '2024-03-01T08:00:00Z']]);
  });

  it('intersects an exact day with the other bounds', () => {
    expect(dateRangeParams('DateSent', { on: '2024-03-01', after: '2024-03-01T06:00:00Z' }, 'dateSent')).toEqual([
      ['DateSent>', '2024-03-01T06:00:00Z'],
      ['DateSent<', '2024-03-01T23:59:59Z'],
    ]);
  });

  it('sends nothing without filters and refuses an empty range', () => {
    expect(dateRangeParams('DateSent', {}, 'dateSent')).toEqual([]);
    expect(() => dateRangeParams('DateSent', { on: '2024-03-02', before: '2024-03-01' }, 'dateSent')).toThrow(expect.objectContaining({ code: 'validation' }));
  });
});
