// generic.upload's arguments carry recipients checked with the same rule as the form's chips.
import { describe, expect, it } from 'vitest';
import { contract } from '../../../main/common/contract.js';

const args = (recipients: string[]) => ({ accountId: 'acc_12345678', files: [{ kind: 'granted', id: `fg_${'a'.repeat(24)}` }], recipients, description: '' });

describe('generic.upload recipients', () => {
  it('accepts E.164 numbers and SIP addresses', () => {
    expect(contract['generic.upload'].args.safeParse(args(['+15551234567', 'sip:ann@example.com'])).success).toBe(true);
  });

  it('refuses anything else, saying so in words', () => {
    const parsed = contract['generic.upload'].args.safeParse(args(['+15551234567', 'hello']));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['recipients', 1], message: expect.stringMatching(/^"hello" is not a phone number/) });
  });
});
