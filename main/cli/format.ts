// Text output for people: aligned columns and lists (sizes: main/common/format-bytes.ts). --json output never goes
// through here.

import type { MessageKey } from '../common/i18n/catalogue.js';
import type { CliWords } from './words.js';

// East Asian wide and full-width characters take two columns in a terminal (Japanese headers, names).
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;

/** The columns a text takes in a terminal. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/**
 * Columns padded to their widest cell (headers are catalogue keys); the last column is not padded, so lines carry no
 * trailing spaces.
 */
export function table(words: CliWords, headerKeys: readonly MessageKey[], rows: ReadonlyArray<ReadonlyArray<string>>): string[] {
  const headers = headerKeys.map((key) => words.say(key));
  const widths = headers.map((header, i) => Math.max(displayWidth(header), ...rows.map((row) => displayWidth(row[i] ?? ''))));
  const render = (cells: ReadonlyArray<string>): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : padEnd(cell, widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [render(headers), ...rows.map(render)];
}

/** A list of ids for a person: "a, b" or "(none)". */
export function idList(words: CliWords, ids: readonly string[]): string {
  return ids.length === 0 ? words.say('cli:list.none') : ids.join(words.say('cli:list.separator'));
}

/**
 * Control characters from a server (names, bodies) must not drive the terminal: C0 (ESC starts a sequence that can
 * retitle the window, clear the screen or colour what follows), DEL and C1 (U+009B is CSI on its own).
 */
export function printable(text: string | null | undefined): string {
  return (text ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

/** printable for a document of several lines: line breaks (LF, CRLF) and tabs stay; a lone CR, which lets a line overwrite what it showed, does not. */
export function printableLines(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/g, ' ');
}
