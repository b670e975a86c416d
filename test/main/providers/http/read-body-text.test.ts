import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readBodyText, type HttpResponse } from '../../../../main/providers/http/transport';

/** An answer whose body arrives in exactly these pieces, as a socket may cut it. */
function answer(pieces: Buffer[], headers: Record<string, string> = {}): HttpResponse {
  return { status: 200, headers, url: new URL('http://127.0.0.1/x'), host: '127.0.0.1', body: Readable.from(pieces) };
}

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('readBodyText', () => {
  it('joins an ASCII body read in pieces', async () => {
    await expect(readBodyText(answer([utf8('{"a":'), utf8('[1,2'), utf8(']}')]))).resolves.toBe('{"a":[1,2]}');
  });

  it('decodes a character cut between two pieces, after ASCII pieces and before more', async () => {
    const bytes = utf8('{"to":"Zoë 📷","n":1}');
    const cut = bytes.indexOf(0xf0) + 2; // inside the four bytes of the camera
    const pieces = [bytes.subarray(0, 4), bytes.subarray(4, cut), bytes.subarray(cut, cut + 2), bytes.subarray(cut + 2)];
    await expect(readBodyText(answer(pieces))).resolves.toBe('{"to":"Zoë 📷","n":1}');
  });

  it('drops a byte-order mark at the start only', async () => {
    await expect(readBodyText(answer([Buffer.from([0xef, 0xbb, 0xbf]), utf8('{}')]))).resolves.toBe('{}');
    await expect(readBodyText(answer([utf8('["'), Buffer.from([0xef, 0xbb, 0xbf]), utf8('"]')]))).resolves.toBe('["\ufeff"]');
  });

  it('refuses bytes that are not UTF-8, wherever they come', async () => {
    for (const pieces of [[Buffer.from([0xff]), utf8('{}')], [utf8('{"a":"'), Buffer.from([0xc3, 0x28]), utf8('"}')], [utf8('{}'), Buffer.from([0xe2, 0x82])]]) {
      await expect(readBodyText(answer(pieces), undefined, 'Twilio')).rejects.toMatchObject({ code: 'protocol', message: 'Twilio answered with text that is not valid UTF-8.' });
    }
  });

  it('refuses a body over the cap, declared or not', async () => {
    await expect(readBodyText(answer([utf8('{}')], { 'content-length': '100' }), 10)).rejects.toMatchObject({ code: 'too_large' });
    await expect(readBodyText(answer([utf8('[1,2,3,'), utf8('4,5,6]')]), 10)).rejects.toMatchObject({ code: 'too_large' });
  });
});
