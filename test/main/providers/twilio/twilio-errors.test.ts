import { describe, expect, it } from 'vitest';
import { twilioError } from '../../../../main/providers/twilio/twilio-errors.js';

describe('twilioError', () => {
  it("reads Twilio's JSON error into code, message and details", () => {
    const err = twilioError(404, JSON.stringify({ code: 20404, message: 'The requested resource /x.json was not found', more_info: 'https://www.twilio.com/docs/errors/20404', status: 404 }), []);
    expect(err.code).toBe('not_found');
    expect(err.message).toBe('Twilio error 20404: The requested resource /x.json was not found');
    expect(err.details).toEqual({ status: 404, remoteCode: 20404, moreInfo: 'https://www.twilio.com/docs/errors/20404' });
  });

  it('maps statuses to the codes the UI branches on', () => {
    const codes = [400, 401, 403, 404, 409, 429, 500].map((status) => twilioError(status, '', []).code);
    expect(codes).toEqual(['validation', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'rate_limited', 'remote']);
  });

  it('offers only http(s) documentation links', () => {
    const err = twilioError(400, JSON.stringify({ code: 21211, message: 'Invalid', more_info: 'javascript:alert(1)' }), []);
    expect(err.details).toEqual({ status: 400, remoteCode: 21211 });
  });

  it('keeps remote text to one short printable line', () => {
    const err = twilioError(400, JSON.stringify({ code: 1, message: `line one\nline two\u0007${'x'.repeat(1000)}` }), []);
    expect(err.message).not.toMatch(/[\n\u0007]/);
    expect(err.message.length).toBeLessThan(400);
  });

  it('without a Twilio body, says what HTTP status came back', () => {
    expect(twilioError(502, '<html>Bad gateway</html>', []).message).toBe('Twilio had a server error (HTTP 502). Try again later.');
    expect(twilioError(429, '', [], 7).details).toEqual({ status: 429, retryAfter: 7 });
  });
});
