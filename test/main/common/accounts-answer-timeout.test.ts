// A generic account may give its server longer (or shorter) to answer after an upload, within sane bounds.
import { describe, expect, it } from 'vitest';
import { genericConfigSchema } from '../../../main/common/accounts.js';

const base = {
  kind: 'generic',
  label: 'Media server',
  settings: { genericMediaUploadUrl: 'https://media.example/upload', genericMediaUploadMultipartData: 'media=%media_content%' },
  username: 'ann',
};

describe('genericConfigSchema: answerTimeoutSeconds', () => {
  it('is optional (the transport default then applies)', () => {
    expect(genericConfigSchema.parse(base).answerTimeoutSeconds).toBeUndefined();
  });

  it('takes whole seconds from 10 s to an hour', () => {
    expect(genericConfigSchema.parse({ ...base, answerTimeoutSeconds: 10 }).answerTimeoutSeconds).toBe(10);
    expect(genericConfigSchema.parse({ ...base, answerTimeoutSeconds: 3600 }).answerTimeoutSeconds).toBe(3600);
  });

  it.each([0, 9, 3601, 1.5, -60, Number.POSITIVE_INFINITY, '600'])('refuses %s', (value) => {
    expect(genericConfigSchema.safeParse({ ...base, answerTimeoutSeconds: value }).success).toBe(false);
  });
});
