import { describe, expect, it } from 'vitest';
import { fileNameFromDisposition, mediaFileName, safeFileName } from '../../../../main/providers/twilio/file-names.js';

describe('fileNameFromDisposition', () => {
  it('reads filename, quoted or not, and prefers filename* (RFC 5987)', () => {
    expect(fileNameFromDisposition('inline; filename="photo 1.jpg"')).toBe('photo 1.jpg');
    expect(fileNameFromDisposition('attachment; filename=clip.mp4')).toBe('clip.mp4');
    expect(fileNameFromDisposition(`attachment; filename="fallback.jpg"; filename*=UTF-8''%C3%A9t%C3%A9.jpg`)).toBe('été.jpg');
    expect(fileNameFromDisposition('attachment; filename="a \\"quoted\\" name.png"')).toBe('a _quoted_ name.png');
  });

  it('never lets a remote name escape the chosen folder', () => {
    expect(fileNameFromDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(fileNameFromDisposition('attachment; filename="..\\\\..\\\\boot.ini"')).toBe('boot.ini');
    expect(fileNameFromDisposition('attachment; filename=".."')).toBeUndefined();
    expect(safeFileName('con.txt')).toBeUndefined();
    expect(safeFileName('a\u0000b\nc.jpg')).toBe('a_b_c.jpg');
  });

  it('gives nothing when there is no name', () => {
    expect(fileNameFromDisposition(undefined)).toBeUndefined();
    expect(fileNameFromDisposition('inline')).toBeUndefined();
  });
});

describe('mediaFileName', () => {
  it('falls back to the media SID with an extension for the content type', () => {
    expect(mediaFileName(undefined, 'ME1', 'image/jpeg')).toBe('ME1.jpg');
    expect(mediaFileName(undefined, 'ME1', 'video/mp4; codecs="avc1"')).toBe('ME1.mp4');
    expect(mediaFileName(undefined, 'ME1', 'application/x-unknown')).toBe('ME1.bin');
    expect(mediaFileName('inline; filename="x.png"', 'ME1', 'image/jpeg')).toBe('x.png');
  });
});
