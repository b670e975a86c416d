// The sandbox's own listening: a busy port is refused with words the app's notice says in the reader's language.
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/common/errors';
import { ja } from '../../../../main/common/i18n/locales/ja/index';
import { sayPhrase } from '../../../../main/common/i18n/phrase';
import { createTranslator } from '../../../../main/common/i18n/translator';
import { listenLoopback } from '../../../../main/sandbox/http/server';

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('listening on the loopback', () => {
  it('refuses a port already in use with a phrase, said in Japanese with no English left', async () => {
    const first = http.createServer();
    servers.push(first);
    const port = await listenLoopback(first, 0);
    const second = http.createServer();
    servers.push(second);
    const refused = await listenLoopback(second, port).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(AppError);
    const error = refused as AppError;
    expect(error.code).toBe('network');
    expect(error.message).toBe(`Port ${port} on 127.0.0.1 is already in use: choose another port.`);
    expect(error.phrase && sayPhrase(createTranslator('ja', { ja }), error.phrase)).toBe(`127.0.0.1 のポート ${port} はすでに使用されています。別のポートを選んでください。`);
  });
});
