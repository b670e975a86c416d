// Sizes for people, one convention everywhere (the app's screens, the CLI, error messages): binary multiples with
// their IEC names, 1 KiB = 1024 bytes, so that a limit set as 50 * 1024 * 1024 reads "50 MiB" and not "52.4 MB".

const UNITS = ['KiB', 'MiB', 'GiB', 'TiB'] as const;

/** "512 B", "1.5 KiB", "12 MiB": one decimal below 10, none above. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Number.isFinite(bytes) ? Math.max(0, Math.round(bytes)) : 0} B`;
  let value = bytes / 1024;
  let unit = 0;
  // Step up before rounding could show "1024 KiB".
  while (value >= 1023.5 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 9.95 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`;
}
