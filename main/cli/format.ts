// Text output for people: aligned columns and lists (sizes: main/common/format-bytes.ts). --json output never goes
// through here.

/** Columns padded to their widest cell; the last column is not padded, so lines carry no trailing spaces. */
export function table(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string>>): string[] {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const render = (cells: ReadonlyArray<string>): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [render(headers), ...rows.map(render)];
}

/** A list of ids for a person: "a, b" or "(none)". */
export function idList(ids: readonly string[]): string {
  return ids.length === 0 ? '(none)' : ids.join(', ');
}

/** Control characters from a server (names, bodies) must not drive the terminal. */
export function printable(text: string | null | undefined): string {
  return (text ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}
