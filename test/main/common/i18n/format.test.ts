// Dates, numbers and sizes follow the reader's language; Twilio's GMT days stay GMT days.
import { describe, expect, it, vi } from 'vitest';
import { formatsFor } from '../../../../main/common/i18n/format';

const en = formatsFor('en');
const ja = formatsFor('ja');

describe('formats', () => {
  it('write a date and time in each language', () => {
    const when = '2026-12-05T21:04:00Z';
    expect(ja.dateTime(when)).toMatch(/^2026\/12\/0?[56] \d{1,2}:\d{2}$/);
    expect(en.dateTime(when)).toMatch(/Dec [56], 2026/);
  });

  it('say a GMT day as that day, whatever the local zone, with GMT said', () => {
    expect(en.gmtDay('2026-01-01')).toBe('Jan 1, 2026 GMT');
    expect(ja.gmtDay('2026-01-01')).toBe('2026/01/01 GMT');
    expect(ja.gmtDay('not a day')).toBe('not a day');
    // A month is not a day, though Date reads "2026-12T00:00:00Z" as the 1st.
    expect(ja.gmtDay('2026-12')).toBe('2026-12');
  });

  it('keep a GMT day on that day where the local day is still the one before', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      vi.resetModules();
      const { formatsFor: freshFormatsFor } = await import('../../../../main/common/i18n/format');
      expect(freshFormatsFor('en').gmtDay('2026-01-01')).toBe('Jan 1, 2026 GMT');
      expect(freshFormatsFor('ja').gmtDay('2026-01-01')).toBe('2026/01/01 GMT');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('show a dash for no date and the text for one that is not a date', () => {
    expect(en.dateTime(null)).toBe('—');
    expect(en.dateTime('')).toBe('—');
    expect(en.dateTime('yesterday')).toBe('yesterday');
  });

  it('group numbers and write sizes in IEC units in both', () => {
    expect(en.number(12345)).toBe('12,345');
    expect(ja.number(12345)).toBe('12,345');
    expect(ja.bytes(1536)).toBe('1.5 KiB');
  });
});
