// The one rule for a name from elsewhere (a library id, a server's Content-Disposition, a Twilio sender) before it
// becomes a file here, and the three places that use it: the library's localFileName, Twilio's safeFileName and the
// name a Twilio file name pattern gives. Hostile by content: names a server or a sender could choose to mislead.
import { describe, expect, it } from 'vitest';
import { checkFileNamePattern, fileNameFromPattern, type FileNameValues } from '../../../main/common/file-name-pattern';
import { isWindowsDeviceName, MAX_FILE_NAME_BYTES, safeLocalName } from '../../../main/common/files';
import { localFileName } from '../../../main/common/methods/library';
import { safeFileName } from '../../../main/providers/twilio/file-names';

const utf8 = (s: string) => new TextEncoder().encode(s).length;

describe('safeLocalName', () => {
  it('marks every Windows device name, superscript digits and the console included, with or without extension', () => {
    for (const name of ['COM¹.jpg', 'com²', 'LPT³.jpg', 'lpt1', 'CONIN$', 'conin$.txt', 'CONOUT$', 'CONOUT$.tar.gz', 'NUL.tar.gz', 'AUX', 'con .jpg', 'PRN']) {
      expect(isWindowsDeviceName(name), name).toBe(true);
      expect(safeLocalName(name), name).toBe(`_${name}`);
    }
    for (const name of ['COM10.jpg', 'CONSOLE.jpg', 'conin.txt', 'CONOUT$x', 'nullable.jpg', 'my COM1.jpg']) {
      expect(isWindowsDeviceName(name), name).toBe(false);
      expect(safeLocalName(name), name).toBe(name);
    }
  });

  it('drops bidi controls that make a program read as a picture, and other invisible or control characters', () => {
    // "invoice\u202Egpj.exe" shows as "invoiceexe.jpg".
    expect(safeLocalName('invoice\u202Egpj.exe')).toBe('invoice_gpj.exe');
    for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C', '\u200B', '\uFEFF', '\u0000', '\u0001', '\u001F', '\u007F', '\u0085', '\u009F']) {
      expect(safeLocalName(`a${c}b.jpg`), JSON.stringify(c)).toBe('a_b.jpg');
    }
    // Joiners stay: a family emoji and Persian text need them.
    expect(safeLocalName('👨\u200D👩\u200D👧.jpg')).toBe('👨\u200D👩\u200D👧.jpg');
    expect(safeLocalName('a<b>c:d"e/f\\g|h?i*.jpg')).toBe('a_b_c_d_e_f_g_h_i_.jpg');
  });

  it('never makes a hidden file, nor a name Windows would cut, nor one too long for the disk', () => {
    expect(safeLocalName('.bash_aliases')).toBe('_bash_aliases');
    expect(safeLocalName('.ssh')).toBe('_ssh');
    expect(safeLocalName('photo.jpg. . ')).toBe('photo.jpg');
    expect(safeLocalName('...')).toBe('_');
    expect(safeLocalName('')).toBe('_');
    const long = safeLocalName(`${'写'.repeat(200)}.jpg`);
    expect(utf8(long)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(long.endsWith('.jpg')).toBe(true);
  });
});

describe('one rule in the three places that name a file', () => {
  const hostile = ['COM¹.jpg', 'LPT³', 'CONIN$.jpg', 'CONOUT$', 'invoice\u202Egpj.exe', '.bash_aliases'];

  it("the library's local name", () => {
    expect(hostile.map(localFileName)).toEqual(['_COM¹.jpg', '_LPT³', '_CONIN$.jpg', '_CONOUT$', 'invoice_gpj.exe', '_bash_aliases']);
  });

  it("Twilio's name from a server's Content-Disposition: a device name is not used at all (the SID's name is)", () => {
    expect(hostile.map(safeFileName)).toEqual([undefined, undefined, undefined, undefined, 'invoice_gpj.exe', 'bash_aliases']);
  });

  it('a Twilio file name pattern: refused with such a character, and no device name made from empty values', () => {
    const refused = checkFileNamePattern('{date}\u202E{mediaSid}{ext}');
    expect(refused.ok).toBe(false);
    const checked = checkFileNamePattern('CONIN${mediaSid}{ext}');
    if (!checked.ok) throw new Error('the pattern should be fine');
    const values: FileNameValues = { date: '', time: '', from: '', to: '', messageSid: '', mediaSid: '', ext: '' };
    expect(fileNameFromPattern(checked.parts, values)).toBe('_CONIN$');
    expect(fileNameFromPattern(checked.parts, { ...values, mediaSid: 'ME1', ext: '.jpg' })).toBe('CONIN$ME1.jpg');
  });
});
