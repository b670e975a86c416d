// main's errors reach a Japanese reader in Japanese: each carries a phrase from the errors catalogue, said here the
// way the window and the CLI say it. A server's own words stay as the server wrote them; nothing else stays English.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../../main/common/contract';
import type { AccountConfig } from '../../../main/common/accounts';
import { validateAccountConfig } from '../../../main/app/account-validation';
import { AppError, sayable, toAppError } from '../../../main/common/errors';
import { english } from '../../../main/common/i18n/catalogue';
import { ja } from '../../../main/common/i18n/locales/ja/index';
import { inEnglish, phrase, sayPhrase, type Phrase } from '../../../main/common/i18n/phrase';
import { createTranslator } from '../../../main/common/i18n/translator';
import { assertLibraryId } from '../../../main/common/library-ids';
import { plainErrors } from '../../../main/common/validation-messages';
import { validationError } from '../../../main/app/dispatch';
import { checkMediaFile } from '../../../main/core/media/check';
import { precheckGenericAccount } from '../../../main/providers/generic/client';
import { refusal } from '../../../main/providers/generic/response';
import { parseTemplate } from '../../../main/providers/generic/templates';
import { twilioError } from '../../../main/providers/twilio/twilio-errors';
import { proxyAuthError } from '../../../main/providers/http/proxy-auth';
import { noProxyReachableError, proxyConnectError, proxyNetworkError, proxyTimeoutError, type ProxyServer } from '../../../main/providers/http/proxy-route';
import { makeTempDir, PNG_BYTES } from '../core/media/media-fixtures';

const japanese = createTranslator('ja', { ja });

/** An English sentence left in the text: two words of Latin letters in a row. */
const ENGLISH_SENTENCE = /[A-Za-z]{4,} [A-Za-z]{3,}/;

function inJapanese(err: AppError): string {
  expect(err.phrase, err.message).toBeDefined();
  return sayPhrase(japanese, err.phrase as Phrase);
}

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    return toAppError(err);
  }
  throw new Error('expected a throw');
}

describe("main's errors said in Japanese", () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir('errors-ja-');
  });
  afterAll(async () => {
    await temp.remove();
  });

  it("keeps the server's own words of an early 402 refusal as they are, inside a Japanese sentence", () => {
    const said = 'Payment required: top up your plan';
    const err = refusal({ format: 'json', message: said }, { server: 'upload.example', status: 402 }, 'upload');
    expect(err.code).toBe('remote');
    expect(err.message).toBe(`upload.example refused the upload: ${said} (HTTP 402 Payment Required).`);
    const text = inJapanese(err);
    expect(text).toBe(`upload.example がアップロードを拒否しました：${said}（HTTP 402 Payment Required）`);
  });

  it('says a template configuration error in Japanese, naming the setting and the position', () => {
    const err = thrown(() => parseTemplate('https://h/%up', 'genericMediaUploadUrl'));
    expect(err.code).toBe('config');
    const text = inJapanese(err);
    expect(text).toContain('genericMediaUploadUrl の 11 文字目');
    expect(text.replace('genericMediaUploadUrl', '')).not.toMatch(ENGLISH_SENTENCE);
  });

  it('says why the media check refuses a PNG named .jpg, the format nested in the sentence', async () => {
    const file = await temp.file('holiday.jpg', PNG_BYTES);
    const err = await checkMediaFile(file).then(
      () => new AppError('internal', 'accepted'),
      (e: unknown) => toAppError(e),
    );
    expect(err.code).toBe('unsupported_media');
    expect(err.message).toBe('"holiday.jpg" is a PNG image, not a JPEG.');
    expect(inJapanese(err)).toBe('「holiday.jpg」は JPEG ではなくPNG 画像です。');
  });

  it("says a field's validation error and its reason in Japanese, and keeps the field's path", () => {
    const parsed = contract['transfers.cancel'].args.safeParse({ ids: 'tr_0123456789abcdef' }, { error: plainErrors });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const err = validationError(parsed.error, 'transfers.cancel');
    expect(err.details).toMatchObject({ field: 'ids', reason: 'This value is not of the right kind.' });
    expect(inJapanese(err)).toBe('transfers.cancel の引数が正しくありません。ids：この値の種類が正しくありません。');
    expect(sayPhrase(japanese, err.details?.reasonPhrase as Phrase)).toBe('この値の種類が正しくありません。');
  });

  it("says an account form's own message next to its field in Japanese", () => {
    const parsed = contract['accounts.create'].args.safeParse({ config: { kind: 'twilio', label: 'x', authMode: 'authToken' } }, { error: plainErrors });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const err = validationError(parsed.error, 'accounts.create');
    expect(err.details).toMatchObject({ field: 'config.accountSid', reason: 'The Account SID is required.' });
    expect(sayPhrase(japanese, err.details?.reasonPhrase as Phrase)).toBe('Account SIDは必須です。');
  });

  it('nests a phrase inside a phrase: the label and the problem of a refused name', () => {

    const err = thrown(() => assertLibraryId('a/b', 'folder'));
    expect(err.message).toBe('The folder name "a/b" cannot be used: it contains a slash.');
    expect(inJapanese(err)).toBe('フォルダー名 "a/b" は使えません：スラッシュが含まれています。');
  });

  it("says a Twilio 401 with Twilio's words kept and the hint in Japanese", () => {
    const err = twilioError(401, JSON.stringify({ code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003' }), []);
    expect(err.message).toBe('Twilio error 20003: Authenticate. Check the Account SID and the Auth Token (or the API key SID and secret) of this account.');
    const text = inJapanese(err);
    expect(text).toContain('Twilio エラー 20003：Authenticate');
    expect(text).toContain('確認してください');
  });

  it("says that no proxy of the system's list could be reached, each with its code, and the direct connection's own failure", () => {
    const proxy = (host: string) => ({ url: new URL(`http://${host}`), source: phrase('errors:proxy.source.system') });
    const failed = [{ proxy: proxy('a.corp:3128'), code: 'ECONNREFUSED' }, { proxy: proxy('b.corp:8080'), code: 'EHOSTUNREACH' }];
    expect(inJapanese(noProxyReachableError(failed))).toBe(
      'システムのプロキシ設定 で指定されたプロキシに接続できませんでした：a.corp:3128 (ECONNREFUSED)、b.corp:8080 (EHOSTUNREACH)。プロキシのリストで直接接続が許可されていないため、リクエストは送信していません。',
    );
    const direct = new AppError('network', phrase('errors:http.refused', { host: 'media.example' }));
    const both = noProxyReachableError(failed.slice(0, 1), direct);
    expect(both.message).toBe('No proxy from the system proxy settings could be reached: a.corp:3128 (ECONNREFUSED). Going direct, which the proxy list allows, failed too: Could not connect to media.example: the connection was refused.');
    expect(inJapanese(both)).toBe('システムのプロキシ設定 で指定されたプロキシに接続できませんでした：a.corp:3128 (ECONNREFUSED)。リストで許可されている直接接続も失敗しました：media.example に接続できませんでした：接続が拒否されました。');
  });

  it.each([
    ['Settings', phrase('errors:proxy.source.settings'), '設定'],
    ["the system's proxy settings", phrase('errors:proxy.source.system'), 'システムのプロキシ設定'],
    ['an environment variable', 'HTTPS_PROXY', 'HTTPS_PROXY'],
  ])('names where a proxy came from (%s) in every proxy message, without saying "settings" twice', (_name, source, said) => {
    const proxy = (credentials?: { username: string; password: string }): ProxyServer => ({ url: new URL('http://proxy.corp:3128'), source, ...(credentials ? { credentials } : {}) });
    const errors = [
      proxyAuthError(proxy(), undefined),
      proxyAuthError(proxy(), { username: 'mika', password: 'secret' }),
      proxyConnectError(proxy(), 'media.example', 502),
      proxyTimeoutError(proxy(), 30_000),
      noProxyReachableError([{ proxy: proxy(), code: 'ECONNREFUSED' }]),
      ...['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET'].map((code) => proxyNetworkError(proxy(), 'media.example', Object.assign(new Error(code), { code }))),
    ];
    for (const err of errors) {
      expect(err).toBeDefined();
      const text = inJapanese(err as AppError);
      expect(text).not.toMatch(/設定 ?の設定/);
      expect(text).toContain(`${said} で指定`);
    }
  });

  it('says the generic internal error, and an error wrapped in another, in Japanese', () => {
    const inner = toAppError(new Error('EACCES: /secret/path'));
    expect(inJapanese(inner).replace('Media Desk', '')).not.toMatch(ENGLISH_SENTENCE);
    expect(inJapanese(inner)).not.toContain('/secret/path');
    expect(sayable(inner)).toEqual(inner.phrase);
    expect(sayable(new Error('socket hang up'))).toBe('socket hang up');
    // The same error after it crossed the contract (a job's item result): its phrase, or a server's words as they are.
    expect(sayable(inner.toData())).toEqual(inner.phrase);
    expect(sayable({ code: 'remote', message: 'Access denied' })).toBe('Access denied');
  });

  it("says main's words that are not an AppError, and an error from another process, by their phrase else their words", () => {
    // A generic account's template problem, or a vault notice: words with a phrase, not an error.
    const problem = { setting: 'uploadUrl', message: 'Unknown variable {{hostt}}.', phrase: phrase('errors:http.refused', { host: 'media.example' }) };
    expect(sayPhrase(japanese, phrase('errors:proxy.unresolved', { host: 'proxy.corp', reason: sayable(problem) }))).toContain('media.example に接続できませんでした');
    // An error as another process hands it over (a plain object, its code not one of ours): its words, not "[object Object]".
    expect(sayable({ name: 'Error', code: 'EPIPE', message: 'write EPIPE' })).toBe('write EPIPE');
    expect(sayable('plain words')).toBe('plain words');
  });

  it("says a generic account's template problem in Japanese when the account is saved, the field's reason too", () => {
    const config = { kind: 'generic', label: 'x', username: '', variables: {}, settings: { genericMediaUploadUrl: 'https://h/u/%nope%', genericMediaUploadMultipartData: 'media=%media_content%' } } as unknown as AccountConfig;
    let refused: unknown;
    try {
      validateAccountConfig(config);
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(AppError);
    const err = refused as AppError;
    expect(err.details?.field).toBe('config.settings.genericMediaUploadUrl');
    expect(inJapanese(err)).toBe('genericMediaUploadUrl は %nope% を使っていますが、これは既知の変数ではありません。');
    expect(err.details?.reasonPhrase).toEqual(err.phrase);
  });

  it("says a generic account's template problems in Japanese when it is used, with how many more there are", async () => {
    const settings = { genericMediaUploadUrl: 'https://h/u/%nope%', genericMediaUploadMultipartData: 'media=%media_content%&b=%nada%' };
    const refused = await precheckGenericAccount({ settings, account: {}, secretKeys: [] }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(AppError);
    expect(inJapanese(refused as AppError)).toBe('genericMediaUploadUrl は %nope% を使っていますが、これは既知の変数ではありません。（アカウントの設定には、ほかに 1 件の問題があります）');
  });
});

describe('the errors catalogue', () => {
  const root = path.resolve(__dirname, '../../../main');
  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return sources(full);
      return full.endsWith('.ts') ? [full] : [];
    });
  }
  const used = new Set(sources(root).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/'errors:([\w.]+)'/g)].map((m) => m[1] ?? '')));

  it('has every errors: key that main names, in English and in Japanese', () => {
    expect(used.size).toBeGreaterThan(300);
    const has = (catalogue: Record<string, string>, key: string) => key in catalogue || `${key}_other` in catalogue;
    expect([...used].filter((key) => !has(english.errors, key))).toEqual([]);
    expect([...used].filter((key) => !has(ja.errors, key))).toEqual([]);
  });

  it('says every English sentence exactly as the English catalogue has it (the log reads English)', () => {
    expect(inEnglish({ key: 'errors:generic.cancelled' })).toBe('Cancelled.');
  });
});
