import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/common/errors.js';
import { parseServerAnswer, refusal, uploadResult } from '../../../../main/providers/generic/response.js';

const server = 'media.example';
const parse = (body: string | Buffer, contentType?: string) => parseServerAnswer(typeof body === 'string' ? Buffer.from(body, 'utf8') : body, contentType, server, []);

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected a failure');
}

describe('parseServerAnswer', () => {
  it('reads media_url from the vendor XML', () => {
    expect(parse('<response><media_url>http://media.server.com/video_1234567890.mp4</media_url></response>', 'text/xml')).toEqual({
      format: 'xml',
      mediaUrl: 'http://media.server.com/video_1234567890.mp4',
    });
  });

  it('decodes XML entities and CDATA, and accepts a declaration and any root name or case', () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<Result>\n  <MEDIA_URL>https://m.example/v?id=1&amp;sig=a%2Fb</MEDIA_URL>\n  <message><![CDATA[ok & <fine>]]></message></Result>';
    expect(parse(xml, 'application/xml')).toEqual({ format: 'xml', mediaUrl: 'https://m.example/v?id=1&sig=a%2Fb', message: 'ok & <fine>' });
  });

  it('reads message from the vendor XML error', () => {
    expect(parse('<response><message>Not enough credit</message></response>', 'text/xml')).toEqual({ format: 'xml', message: 'Not enough credit' });
  });

  it('reads media_url and message from JSON', () => {
    expect(parse('{\n"media_url" : "http://media.server.com/video_1234567890.mp4"\n}', 'application/json')).toEqual({
      format: 'json',
      mediaUrl: 'http://media.server.com/video_1234567890.mp4',
    });
    expect(parse('{"message": "Quota exceeded", "code": 7}', 'application/json; charset=utf-8')).toEqual({ format: 'json', message: 'Quota exceeded' });
  });

  it('accepts a JSON answer wrapped in "response"', () => {
    expect(parse('{"response": {"media_url": "https://m.example/1.jpg"}}', 'application/json')).toMatchObject({ mediaUrl: 'https://m.example/1.jpg' });
  });

  it('sniffs the format when the Content-Type is wrong or missing', () => {
    expect(parse('  {"media_url": "https://m.example/a.jpg"}', 'text/html')).toMatchObject({ format: 'json', mediaUrl: 'https://m.example/a.jpg' });
    expect(parse('<response><media_url>https://m.example/b.jpg</media_url></response>', undefined)).toMatchObject({ format: 'xml' });
    expect(parse('<response><message>x</message></response>', 'application/json')).toMatchObject({ format: 'xml', message: 'x' });
  });

  it('finds nothing in HTML error pages, plain text and malformed bodies', () => {
    expect(parse('<html><body><h1>502 Bad Gateway</h1><hr></body></html>', 'text/html')).toEqual({ format: 'unknown' });
    expect(parse('Internal Server Error', 'text/plain')).toEqual({ format: 'unknown' });
    expect(parse('{"media_url": ', 'application/json')).toEqual({ format: 'unknown' });
    expect(parse('["media_url"]', 'application/json')).toEqual({ format: 'unknown' });
  });

  it('ignores an XML answer that declares a DOCTYPE', () => {
    expect(parse('<!DOCTYPE r [<!ENTITY x "https://evil.example/">]><r><media_url>&x;</media_url></r>', 'text/xml')).toEqual({ format: 'unknown' });
  });

  it('makes a message fit to show: one line, bounded', () => {
    const answer = parse(JSON.stringify({ message: `first\r\nsecond\u0007 ${'x'.repeat(500)}` }), 'application/json');
    expect(answer.message?.startsWith('first second x')).toBe(true);
    expect(answer.message?.length).toBe(300);
  });

  it('refuses a body that is not UTF-8', () => {
    const error = caught(() => parse(Buffer.from([0x3c, 0x72, 0x3e, 0xe9, 0x3c, 0x2f, 0x72, 0x3e]), 'text/xml'));
    expect(error.code).toBe('protocol');
    expect(error.message).toBe('media.example answered with text that is not valid UTF-8.');
  });
});

describe('uploadResult', () => {
  it('returns media_url for a 2xx that carries one', () => {
    expect(uploadResult({ format: 'json', mediaUrl: 'https://m.example/1.mp4' }, { server, status: 201 })).toBe('https://m.example/1.mp4');
  });

  it('fails a 2xx without media_url, passing on what the server said', () => {
    const bare = caught(() => uploadResult({ format: 'unknown' }, { server, status: 200 }));
    expect(bare).toMatchObject({ code: 'protocol', message: 'media.example accepted the upload but sent no media_url.', details: { status: 200 } });
    const withMessage = caught(() => uploadResult({ format: 'xml', message: 'queued' }, { server, status: 202 }));
    expect(withMessage.message).toBe('media.example accepted the upload but sent no media_url. It said: "queued"');
  });

  it('returns the URL as parsed: control characters percent-encoded (no terminal escape reaches a screen), tabs and line breaks gone', () => {
    const raw = 'https://m.example/a\x1b]0;TITLE\x07\x1b[2J\u009b31m\tb\nc.jpg';
    expect(uploadResult({ format: 'json', mediaUrl: raw }, { server, status: 200 })).toBe('https://m.example/a%1B]0;TITLE%07%1B[2J%C2%9B31mbc.jpg');
  });

  it('refuses a media_url that is not an http(s) URL', () => {
    expect(caught(() => uploadResult({ format: 'json', mediaUrl: 'javascript:alert(1)' }, { server, status: 200 })).message).toBe(
      'media.example sent a media_url that is not an http(s) URL (javascript:).',
    );
    expect(caught(() => uploadResult({ format: 'json', mediaUrl: '/relative/1.jpg' }, { server, status: 200 })).message).toBe(
      'media.example sent a media_url that is not a URL.',
    );
  });

  it("shows the server's message for a non-2xx, even when media_url is present", () => {
    const error = caught(() => uploadResult({ format: 'xml', message: 'Not enough credit', mediaUrl: 'https://m.example/x' }, { server, status: 402 }));
    expect(error).toMatchObject({ code: 'remote', message: 'media.example refused the upload: Not enough credit (HTTP 402 Payment Required).', details: { status: 402 } });
  });
});

describe('refusal', () => {
  it('is a clear generic error with the status when the server gave no message', () => {
    expect(refusal({ format: 'unknown' }, { server, status: 500 }, 'upload').message).toBe(
      'media.example refused the upload with HTTP 500 Internal Server Error and gave no reason.',
    );
    expect(refusal(undefined, { server, status: 599 }, 'upload').message).toBe('media.example refused the upload with HTTP 599 and gave no reason.');
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [413, 'too_large'],
    [415, 'unsupported_media'],
    [400, 'remote'],
    [503, 'remote'],
  ] as const)('maps HTTP %i to the error code %s', (status, code) => {
    expect(refusal(undefined, { server, status }, 'upload').code).toBe(code);
  });

  it('carries Retry-After for rate limiting', () => {
    expect(refusal({ format: 'json', message: 'slow down' }, { server, status: 429, retryAfter: 30 }, 'upload')).toMatchObject({
      code: 'rate_limited',
      details: { status: 429, retryAfter: 30 },
    });
  });
});
