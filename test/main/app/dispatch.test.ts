import { describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, type MethodName } from '../../../main/common/contract';
import { AppError } from '../../../main/common/errors';
import { createDispatcher, type Handlers } from '../../../main/app/dispatch';

/** Handlers that record calls: a malformed call must never reach one. */
function recordingHandlers() {
  const called = vi.fn<(method: MethodName, args: unknown) => unknown>();
  const handlers = Object.fromEntries(METHOD_NAMES.map((m) => [m, (args: unknown) => called(m, args)])) as unknown as Handlers;
  return { handlers, called };
}

// Payloads no method accepts: not objects, or objects with keys no schema declares.
const MALFORMED: unknown[] = [null, 42, 'text', true, [], [1, 2], { unexpected: 1 }, { __proto__: { admin: true }, extra: 'x' }];

// Payloads shaped wrongly for the methods that take arguments.
const WRONG_TYPES: Partial<Record<MethodName, unknown[]>> = {
  'app.dismissNotice': [{ id: 5 }, { id: 'x'.repeat(65) }],
  'settings.update': [{ theme: 'purple' }, { concurrency: 0 }, { concurrency: 17 }, { concurrency: 2.5 }, { sandboxEnabled: 'yes' }],
  'accounts.create': [
    { config: { kind: 'ftp', label: 'x' } },
    { config: { kind: 'library', label: 'x', serverUrl: 'ftp://host', domain: 'd', userId: 'u', appId: 'a' } },
    { config: { kind: 'twilio', label: 'x', accountSid: 'AC123', authMode: 'authToken' } },
    { config: { kind: 'twilio', label: 'x', accountSid: `AC${'a'.repeat(32)}`, authMode: 'apiKey' } },
    { config: { kind: 'library', label: '', serverUrl: 'https://h', domain: 'd', userId: 'u', appId: 'a' } },
    { config: { kind: 'library', label: 'x', serverUrl: 'https://h', domain: 'd', userId: 'u', appId: 'a' }, secret: 'a\nb' },
  ],
  'accounts.update': [{ accountId: '../etc', config: {} }, { accountId: 'acc_12345678' }],
  'accounts.remove': [{ accountId: 12 }, { accountId: 'acc_' }, { accountId: 'acc_ABCDEFGH' }],
  'accounts.test': [{ accountId: null }],
  'transfers.cancel': [{ ids: [] }, { ids: ['tr_../../x'] }, { ids: 'tr_0123456789abcdef' }],
  'transfers.retry': [{ ids: [1] }],
  'transfers.clearFinished': [{ ids: ['nope'] }],
  'files.pickFolder': [{ title: 'Enter your password' }, { kind: 'other' }],
  'files.findExisting': [{ folder: '', names: [] }, { folder: '/tmp', names: [''] }, { folder: '/tmp' }],
  'log.list': [{ limit: 0 }, { limit: 100000 }, { limit: '10' }],
  'shell.openExternal': [{ url: 5 }, { url: 'x'.repeat(5000) }],
};

describe('the contract dispatcher', () => {
  it('refuses an unknown method, including names inherited from Object', async () => {
    const { handlers, called } = recordingHandlers();
    const dispatch = createDispatcher(handlers, { error: () => undefined });
    for (const name of ['nope', 'toString', '__proto__', 'constructor', 42, null]) {
      const result = await dispatch(name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(called).not.toHaveBeenCalled();
  });

  describe.each(METHOD_NAMES)('%s', (method) => {
    const payloads = [...MALFORMED, ...(WRONG_TYPES[method] ?? [])];
    it.each(payloads.map((p) => [JSON.stringify(p) ?? String(p), p]))('answers %s with a typed validation error', async (_label, payload) => {
      const { handlers, called } = recordingHandlers();
      const dispatch = createDispatcher(handlers, { error: () => undefined });
      const result = await dispatch(method, payload);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('validation');
        expect(result.error.message).toMatch(new RegExp(`Invalid arguments for ${method.replace('.', '\\.')}`));
      }
      expect(called).not.toHaveBeenCalled();
    });
  });

  it('passes parsed arguments to the handler and wraps its value', async () => {
    const { handlers, called } = recordingHandlers();
    called.mockReturnValue([{ seq: 1 }]);
    const dispatch = createDispatcher(handlers, { error: () => undefined });
    expect(await dispatch('log.list', { limit: 3 })).toEqual({ ok: true, value: [{ seq: 1 }] });
    expect(called).toHaveBeenCalledWith('log.list', { limit: 3 });
  });

  it('returns an AppError thrown by a handler as data, and hides unexpected errors behind a generic message', async () => {
    const { handlers } = recordingHandlers();
    const logged: string[] = [];
    handlers['accounts.list'] = () => {
      throw new AppError('not_found', 'That account no longer exists.');
    };
    handlers['log.list'] = () => {
      throw new Error('ENOENT /home/alice/secret-path');
    };
    const dispatch = createDispatcher(handlers, { error: (_s, m) => logged.push(m) });
    expect(await dispatch('accounts.list', {})).toEqual({ ok: false, error: { code: 'not_found', message: 'That account no longer exists.' } });
    const hidden = await dispatch('log.list', {});
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(hidden)).not.toContain('secret-path');
    expect(logged.join()).toContain('secret-path');
  });

  it('says what is wrong with a field in words, and names the field in the details', async () => {
    const { handlers } = recordingHandlers();
    const dispatch = createDispatcher(handlers, { error: () => undefined });
    const generic = (settings: Record<string, string>, extra: Record<string, unknown> = {}) => ({
      config: { kind: 'generic', label: 'x', username: '', settings: { genericMediaUploadUrl: 'https://h/u', genericMediaUploadMultipartData: 'media=%media_content%', ...settings }, ...extra },
    });
    const refusals = [
      [generic({ genericMediaUploadUrl: 'ftp://h/u' }), 'config.settings.genericMediaUploadUrl', 'Must start with https:// (or http://), not "ftp:".'],
      [generic({ genericMediaRefSendUrl: 'javascript:alert(1)' }), 'config.settings.genericMediaRefSendUrl', 'Must start with https:// (or http://), not "javascript:".'],
      [generic({}, { label: undefined }), 'config.label', 'A name is required.'],
      [{ config: { kind: 'library', label: 'x', domain: 'd', userId: 'u', appId: 'a' } }, 'config.serverUrl', 'Enter a full http:// or https:// URL.'],
      [{ config: { kind: 'twilio', label: 'x', authMode: 'authToken' } }, 'config.accountSid', 'The Account SID is required.'],
      [{ config: { kind: 'library', label: 'x'.repeat(81), serverUrl: 'https://h', domain: 'd', userId: 'u', appId: 'a' } }, 'config.label', 'A name is longer than 80 characters.'],
      [{ ids: 'tr_0123456789abcdef' }, 'ids', 'This value is not of the right kind.'],
    ] as const;
    for (const [payload, field, reason] of refusals) {
      const method = 'ids' in payload ? 'transfers.cancel' : 'accounts.create';
      const result = await dispatch(method, payload);
      expect(result, field).toMatchObject({ ok: false, error: { code: 'validation', details: { field, reason } } });
      if (!result.ok) expect(result.error.message).not.toMatch(/Invalid input|expected string|received undefined/);
    }
  });

  it('keeps a validation message short, however many unknown keys a payload has', async () => {
    const { handlers } = recordingHandlers();
    const dispatch = createDispatcher(handlers, { error: () => undefined });
    const payload = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`key${i}`, i]));
    const result = await dispatch('app.info', payload);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message.length).toBeLessThanOrEqual(360);
  });
});
