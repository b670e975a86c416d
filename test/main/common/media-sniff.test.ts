import { describe, expect, it } from 'vitest';
import { inEnglish, phrase } from '../../../main/common/i18n/phrase.js';
import { describeRefusal, sniffMediaType } from '../../../main/common/media-sniff.js';
import { ftyp, makeJpeg, makeMp4, PNG_BYTES } from '../core/media/media-fixtures.js';

describe('sniffMediaType', () => {
  it('accepts a JPEG by its SOI marker and first segment marker', () => {
    expect(sniffMediaType(makeJpeg(8, 8))).toEqual({ accepted: true, contentType: 'image/jpeg' });
  });

  it.each(['isom', 'iso2', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'dash', 'cmfc', 'f4v '])('accepts an MP4 whose major brand is "%s"', (brand) => {
    expect(sniffMediaType(makeMp4({ major: brand, compatible: [] }))).toEqual({ accepted: true, contentType: 'video/mp4' });
  });

  it('accepts an unknown major brand when a compatible brand is an MP4 brand', () => {
    expect(sniffMediaType(makeMp4({ major: 'xyz1', compatible: ['xyz1', 'iso5'] }))).toEqual({ accepted: true, contentType: 'video/mp4' });
  });

  it('accepts a QuickTime-branded file that declares MP4 compatibility', () => {
    expect(sniffMediaType(makeMp4({ major: 'qt  ', compatible: ['qt  ', 'isom'] }))).toMatchObject({ accepted: true });
  });

  it('refuses a QuickTime-only movie', () => {
    expect(sniffMediaType(makeMp4({ major: 'qt  ', compatible: ['qt  '] }))).toEqual({ accepted: false, reason: 'other_format', what: phrase('errors:media.format.quicktime') });
  });

  it('refuses audio-only MP4 (M4A) even though it lists isom and mp42', () => {
    const result = sniffMediaType(makeMp4({ major: 'M4A ', compatible: ['M4A ', 'mp42', 'isom'] }));
    expect(result).toMatchObject({ accepted: false, reason: 'other_format' });
    expect(result.accepted === false && result.reason === 'other_format' && inEnglish(result.what)).toContain('audio-only');
  });

  it('refuses HEIF images and 3GPP videos that share the container', () => {
    expect(sniffMediaType(makeMp4({ major: 'heic', compatible: ['mif1', 'heic'] }))).toMatchObject({ what: phrase('errors:media.format.heif') });
    expect(sniffMediaType(makeMp4({ major: '3gp5', compatible: ['3gp5', 'isom'] }))).toMatchObject({ what: phrase('errors:media.format.3gpp') });
  });

  it('refuses an ISO media file without any MP4 brand, naming its brand', () => {
    expect(sniffMediaType(makeMp4({ major: 'crx ', compatible: ['crx '] }))).toMatchObject({ accepted: false, what: phrase('errors:media.format.iso', { brand: 'crx ' }) });
  });

  it('names a PNG', () => {
    expect(sniffMediaType(PNG_BYTES)).toEqual({ accepted: false, reason: 'other_format', what: phrase('errors:media.format.png') });
  });

  it('tells a WebP from an AVI by the RIFF form type', () => {
    const riff = (form: string) => Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from(form), Buffer.alloc(8)]);
    expect(sniffMediaType(riff('WEBP'))).toMatchObject({ what: phrase('errors:media.format.webp') });
    expect(sniffMediaType(riff('AVI '))).toMatchObject({ what: phrase('errors:media.format.avi') });
  });

  it('recognises UTF-8 text, including non-ASCII, as text', () => {
    expect(sniffMediaType(Buffer.from('Bonjour, ceci est un fichier texte.\nÉté 2024\n'))).toEqual({ accepted: false, reason: 'text' });
  });

  it('does not call binary noise text', () => {
    expect(sniffMediaType(Buffer.from([0x00, 0x13, 0x37, 0x42, 0x99, 0x01, 0x02]))).toEqual({ accepted: false, reason: 'unknown' });
  });

  it('refuses empty input', () => {
    expect(sniffMediaType(new Uint8Array(0))).toEqual({ accepted: false, reason: 'empty' });
  });

  it('calls a JPEG cut right after its start marker truncated', () => {
    expect(sniffMediaType(Buffer.from([0xff, 0xd8]))).toMatchObject({ accepted: false, reason: 'truncated' });
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff]))).toMatchObject({ accepted: false, reason: 'truncated' });
  });

  it('calls an MP4 whose ftyp box is cut short truncated', () => {
    const whole = ftyp('isom', ['isom', 'mp42']);
    expect(sniffMediaType(whole.subarray(0, 10))).toMatchObject({ accepted: false, reason: 'truncated' });
    expect(sniffMediaType(whole.subarray(0, whole.length - 2))).toMatchObject({ accepted: false, reason: 'truncated' });
    expect(sniffMediaType(whole)).toMatchObject({ accepted: true });
  });

  it('calls an ftyp box with an impossible size malformed', () => {
    const bad = ftyp('isom', ['isom']);
    bad.writeUInt32BE(8, 0);
    expect(sniffMediaType(bad)).toMatchObject({ accepted: false, reason: 'truncated', what: phrase('errors:media.part.mp4Malformed') });
  });
});

describe('describeRefusal', () => {
  it('words a PNG renamed .jpg the way the user sees the file', () => {
    expect(inEnglish(describeRefusal('holiday.jpg', { accepted: false, reason: 'other_format', what: phrase('errors:media.format.png') }))).toBe('"holiday.jpg" is a PNG image, not a JPEG.');
  });

  it('words a QuickTime movie renamed .mp4 as not an MP4', () => {
    expect(inEnglish(describeRefusal('clip.MP4', { accepted: false, reason: 'other_format', what: phrase('errors:media.format.quicktime') }))).toBe('"clip.MP4" is a QuickTime movie (.mov), not an MP4.');
  });

  it('says what can be sent when the extension claims nothing', () => {
    expect(inEnglish(describeRefusal('scan.png', { accepted: false, reason: 'other_format', what: phrase('errors:media.format.png') }))).toBe('"scan.png" is a PNG image; only JPEG images and MP4 videos can be sent.');
  });

  it('names empty, text, truncated and unknown files', () => {
    expect(inEnglish(describeRefusal('a.jpg', { accepted: false, reason: 'empty' }))).toBe('"a.jpg" is empty.');
    expect(inEnglish(describeRefusal('notes.jpg', { accepted: false, reason: 'text' }))).toContain('is a text file');
    expect(inEnglish(describeRefusal('v.mp4', { accepted: false, reason: 'truncated', what: phrase('errors:media.part.mp4Short') }))).toBe(
      '"v.mp4" is damaged or incomplete: its MP4 header (ftyp box) is cut short.',
    );
    expect(inEnglish(describeRefusal('x.bin', { accepted: false, reason: 'unknown' }))).toContain('not a JPEG image or an MP4 video');
  });
});
