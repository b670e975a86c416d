// Who an upload goes to: a phone number in E.164 form or a SIP address. One rule for the form (as each chip is
// added) and for main (generic.upload's arguments), so that what the form accepts main accepts too.
import { z } from 'zod';

/** E.164: a plus, then 8 to 15 digits, the first not 0. */
const PHONE = /^\+[1-9][0-9]{7,14}$/;
/** sip:user@host or sips:user@host[:port]; the user part as RFC 3261 allows it, without separators or spaces. */
const SIP = /^sips?:[A-Za-z0-9._~!$&'()*+=%-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,253}[A-Za-z0-9])?(?::[0-9]{1,5})?$/i;

export const RECIPIENT_RULE = 'a phone number (+ then 8 to 15 digits, as +15551234567) or a SIP address (sip:user@host)';

/** Why a recipient is not one, in words; undefined when it is. */
export function recipientProblem(recipient: string): string | undefined {
  const value = recipient.trim();
  if (value.length === 0) return 'A recipient is empty.';
  if (value.length > 256) return 'A recipient is longer than 256 characters.';
  if (PHONE.test(value) || SIP.test(value)) return undefined;
  // Quoted back only when short and printable, so that a hostile value cannot flood the message.
  const shown = /^[\x20-\x7e]{1,40}$/.test(value) ? `"${value}"` : 'A recipient';
  return `${shown} is not ${RECIPIENT_RULE}.`;
}

export const recipientSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = recipientProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
