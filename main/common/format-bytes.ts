// Sizes for people, one convention everywhere (the app's screens, the CLI, error messages): binary multiples with
// their IEC names, 1 KiB = 1024 bytes, so that a limit set as 50 * 1024 * 1024 reads "50 MiB" and not "52.4 MB".
// The number is written in the reader's locale (digits, decimal sign); the units are the same in every language.

const UNITS = ['KiB', 'MiB', 'GiB', 'TiB'] as const;

const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string | undefined, fractionDigits: number): Intl.NumberFormat {
  const id = `${locale ?? 'en'}|${fractionDigits}`;
  let format = formats.get(id);
  if (!format) {
    format = new Intl.NumberFormat(locale ?? 'en', { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits, useGrouping: false });
    formats.set(id, format);
  }
  return format;
}

/** "512 B", "1.5 KiB", "12 MiB": one decimal below 10, none above. `locale` is a BCP 47 tag; English by default. */
export function formatBytes(bytes: number, locale?: string): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${numberFormat(locale, 0).format(Number.isFinite(bytes) ? Math.max(0, Math.round(bytes)) : 0)} B`;
  let value = bytes / 1024;
  let unit = 0;
  // Step up before rounding could show "1024 KiB".
  while (value >= 1023.5 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${numberFormat(locale, value < 9.95 ? 1 : 0).format(value < 9.95 ? Math.round(value * 10) / 10 : Math.round(value))} ${UNITS[unit]}`;
}
