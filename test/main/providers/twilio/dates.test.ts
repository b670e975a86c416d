import { describe, expect, it } from 'vitest';
import { dateRangeParams, isDay, parseRfc2822 } from '../../../../main/providers/twilio/dates.js';

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
