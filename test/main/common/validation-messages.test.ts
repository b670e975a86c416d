import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inEnglish, phrase, type Phrase } from '../../../main/common/i18n/phrase.js';
import { fieldError, issuePhrase } from '../../../main/common/validation-messages.js';
import { proxySettingSchema } from '../../../main/common/proxy.js';

describe('a schema’s own message (fieldError)', () => {
  it('is the phrase in English when a value fails, and issuePhrase gives the phrase back', () => {
    const said = phrase('errors:validation.maxChars', { count: 3 });
    const result = z.string().max(3, fieldError(said)).safeParse('abcd');
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.message).toBe(inEnglish(said));
    expect(issuePhrase(issue)).toEqual(said);
  });

  it('is said only when a value fails, not when the schema is built (start-up builds hundreds of them)', () => {
    let read = 0;
    const values = {
      get count() {
        read++;
        return 3;
      },
    };
    const said: Phrase = { key: 'errors:validation.maxChars', values };
    const schema = z.string().max(3, fieldError(said));
    expect(schema.safeParse('abc').success).toBe(true);
    expect(read).toBe(0);
    expect(schema.safeParse('abcd').error?.issues[0]?.message).toBe(inEnglish(phrase('errors:validation.maxChars', { count: 3 })));
    expect(read).toBeGreaterThan(0);
  });

  it('wins over the parse’s error map in a real schema (the proxy settings’ port)', () => {
    const result = proxySettingSchema.safeParse({ mode: 'manual', host: 'proxy.example', port: 70000, username: '', bypass: '' });
    expect(result.success).toBe(false);
    const portIssue = result.error?.issues.find((i) => i.path[0] === 'port');
    expect(issuePhrase(portIssue)).toEqual(phrase('errors:settings.proxy.portRange'));
  });
});
