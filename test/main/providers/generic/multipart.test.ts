import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMultipartBody, newBoundary, type MultipartBody, type MultipartPart } from '../../../../main/providers/generic/multipart.js';
import { collectBody } from '../http/collect-body.js';
import { makeTempDir } from '../../core/media/media-fixtures.js';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  temp = await makeTempDir('multipart');
});
afterAll(async () => {
  await temp.remove();
});

/** The bytes the transport would write for this body. */
function collect(body: MultipartBody): Promise<Buffer> {
  return collectBody(body.body);
}

/** A Boyer-Moore-Horspool search's skip table for this needle: a byte absent from its first n-1 bytes moves it n. */
function horspoolSkips(needle: string): number[] {
  const n = needle.length;
  const skip = new Array<number>(256).fill(n);
  for (let i = 0; i < n - 1; i++) skip[needle.charCodeAt(i)] = n - 1 - i;
  return skip;
}

/** How far the search moves on average over bytes of uniformly random media (a compressed video's). */
function averageHorspoolSkip(needle: string): number {
  return horspoolSkips(needle).reduce((sum, s) => sum + s, 0) / 256;
}

/** Byte comparisons per byte of the haystack that a Horspool search for the needle makes. */
function horspoolComparesPerByte(needle: string, haystack: Buffer): number {
  const n = needle.length;
  const skip = horspoolSkips(needle);
  let compares = 0;
  for (let pos = 0; pos + n <= haystack.length; pos += skip[haystack[pos + n - 1]!]!) {
    let j = n - 1;
    while (j >= 0) {
      compares += 1;
      if (haystack[pos + j] !== needle.charCodeAt(j)) break;
      j -= 1;
    }
  }
  return compares / haystack.length;
}

/** The delimiter a parser such as busboy looks for: CRLF, "--" and the boundary. */
const delimiter = (boundary: string): string => `\r\n--${boundary}`;

describe('newBoundary', () => {
  it('is letters and digits only, 70 characters at most, and different each time', () => {
    const first = newBoundary();
    expect(first).toMatch(/^[A-Za-z0-9]{1,70}$/);
    expect(newBoundary()).not.toBe(first);
  });

  it('ends with 32 random letters (128 bits)', () => {
    const tails = Array.from({ length: 20 }, () => newBoundary().slice(-32));
    for (const tail of tails) expect(tail).toMatch(/^[a-p]{32}$/);
    expect(new Set(tails).size).toBe(20);
  });

  it('lets a parser that searches with Boyer-Moore-Horspool skip almost the whole delimiter at each look', () => {
    for (let i = 0; i < 20; i++) expect(averageHorspoolSkip(delimiter(newBoundary()))).toBeGreaterThan(65);
  });

  it('costs such a parser little over a file made of one byte repeated, whichever byte', () => {
    // A delimiter ending in a run of one character (…"0000") makes the search compare that run again at every byte
    // of a file full of that character.
    for (let i = 0; i < 5; i++) {
      const needle = delimiter(newBoundary());
      for (let byte = 0; byte < 256; byte++) expect(horspoolComparesPerByte(needle, Buffer.alloc(4096, byte))).toBeLessThan(4);
    }
  });
});

describe('buildMultipartBody', () => {
  it('produces exactly the expected bytes, parts in order, and announces their exact length', async () => {
    const fileBytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x0d, 0x0a, 0x2d, 0x2d, 0xff, 0xd9]);
    const file = await temp.file('photo.jpg', fileBytes);
    const parts: MultipartPart[] = [
      { kind: 'field', name: 'from', value: 'johndoe' },
      { kind: 'file', name: 'attachment', fileName: 'Été "beach"\r\n.jpg', contentType: 'image/jpeg', path: file, size: fileBytes.length },
      { kind: 'field', name: 'description', value: 'Été à Paris\nline 2' },
      { kind: 'field', name: 'empty', value: '' },
    ];
    const body = buildMultipartBody(parts, 'B0undary');
    const expected = Buffer.concat([
      Buffer.from('--B0undary\r\nContent-Disposition: form-data; name="from"\r\n\r\njohndoe\r\n'),
      Buffer.from('--B0undary\r\nContent-Disposition: form-data; name="attachment"; filename="Été %22beach%22%0D%0A.jpg"\r\nContent-Type: image/jpeg\r\n\r\n', 'utf8'),
      fileBytes,
      Buffer.from('\r\n--B0undary\r\nContent-Disposition: form-data; name="description"\r\n\r\nÉté à Paris\nline 2\r\n', 'utf8'),
      Buffer.from('--B0undary\r\nContent-Disposition: form-data; name="empty"\r\n\r\n\r\n'),
      Buffer.from('--B0undary--\r\n'),
    ]);
    const actual = await collect(body);
    expect(actual.equals(expected)).toBe(true);
    expect(body.length).toBe(expected.length);
    expect(body.contentType).toBe('multipart/form-data; boundary=B0undary');
  });

  it('names the file part as configured and keeps a name with separators whole', async () => {
    const file = await temp.file('clip.mp4', 'data');
    const body = buildMultipartBody([{ kind: 'file', name: 'upload[media]', fileName: 'a/b\\c.mp4', contentType: 'video/mp4', path: file, size: 4 }], 'X');
    const text = (await collect(body)).toString('utf8');
    expect(text).toContain('Content-Disposition: form-data; name="upload[media]"; filename="a_b_c.mp4"\r\nContent-Type: video/mp4\r\n');
  });

  it('computes the length without reading the file', async () => {
    // A 3 GiB sparse file: reading it to measure would take seconds and the assertion below comes first.
    const big = `${temp.dir}/big.mp4`;
    const handle = await fs.open(big, 'w');
    await handle.truncate(3 * 1024 ** 3);
    await handle.close();
    const body = buildMultipartBody([{ kind: 'file', name: 'f', fileName: 'big.mp4', contentType: 'video/mp4', path: big, size: 3 * 1024 ** 3 }], 'X');
    const overhead = Buffer.byteLength('--X\r\nContent-Disposition: form-data; name="f"; filename="big.mp4"\r\nContent-Type: video/mp4\r\n\r\n' + '\r\n--X--\r\n');
    expect(body.length).toBe(3 * 1024 ** 3 + overhead);
  });

  it('fails the stream when the file is shorter than announced, instead of leaving the server waiting', async () => {
    const file = await temp.file('shrunk.jpg', 'abc');
    const body = buildMultipartBody([{ kind: 'file', name: 'f', fileName: 'shrunk.jpg', contentType: 'image/jpeg', path: file, size: 10 }], 'X');
    await expect(collect(body)).rejects.toMatchObject({ code: 'io', message: '"shrunk.jpg" changed while it was being sent: expected 10 bytes, found 3.' });
  });

  it('never sends more of the file than announced', async () => {
    const file = await temp.file('grown.jpg', 'abcdefgh');
    const body = buildMultipartBody([{ kind: 'file', name: 'f', fileName: 'grown.jpg', contentType: 'image/jpeg', path: file, size: 5 }], 'X');
    const bytes = await collect(body);
    expect(bytes.length).toBe(body.length);
    expect(bytes.toString()).toContain('\r\n\r\nabcde\r\n--X--');
  });

  it('fails the stream when the file cannot be read', async () => {
    const body = buildMultipartBody([{ kind: 'file', name: 'f', fileName: 'missing.jpg', contentType: 'image/jpeg', path: `${temp.dir}/missing.jpg`, size: 10 }], 'X');
    await expect(collect(body)).rejects.toMatchObject({ code: 'io', message: 'Could not read "missing.jpg" (ENOENT).' });
  });

  it('refuses a boundary with characters other than letters and digits', () => {
    expect(() => buildMultipartBody([], '--abc')).toThrow(/letters and digits/);
  });

  it('picks another boundary when a field value happens to contain the requested one', async () => {
    const body = buildMultipartBody([{ kind: 'field', name: 'a', value: 'xx SAME xx' }], 'SAME');
    expect(body.boundary).not.toBe('SAME');
    expect((await collect(body)).toString()).toContain(`--${body.boundary}--`);
  });
});
