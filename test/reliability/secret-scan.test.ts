// The secret scan with secrets that are hostile by content: every character class a URL, a form body, JSON, a header
// or a shell treats specially (!'()*~, non-ASCII, space, + / = % & " < > \), and a "%41" that a double decoding
// would turn into "A". The sandbox's users get these passwords; the app runs every flow that sends a secret: the
// generic upload (secret in the precheck's query, the multipart fields, the reference send's form body), a generic
// account whose templates put the secret in URL paths, a %sha1(…)%, a header and a multipart field of a server that
// echoes everything it got into its errors, the media library and Twilio (Basic auth), test connection, and a wrong
// password. Afterwards no encoding of any secret may be in the data folder, the log, or anything the window read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenericAccountConfig } from '../../main/common/accounts.js';
import type { SeenRequest } from './support/servers.js';
import { startAppUnderTest, type AppUnderTest, type HostileSecrets } from './support/app.js';
import { CaseReport, Checks } from './support/report.js';
import { describeLeaks, findSecretLeaks } from './support/secrets.js';
import { startScriptedServer, type TestServer } from './support/servers.js';
import { startTestProxy, type TestProxy } from '../helpers/test-proxy.js';
import { startAuthServer } from '../main/providers/http/auth-server.js';

const HOSTILE: HostileSecrets = {
  generic: `g!'()*~ä é+/=%&"<>\\ %41 x`,
  library: `l!'()*~ö ü+/=%&"<>\\ %42 y:z`,
  twilioApiKeySecret: `t!'()*~ßñ+/=%&"<>\\%43_0123456789abcdef`, // Twilio's validation refuses spaces
};
const WRONG_PASSWORD = `w!'()*~å ç+/=%&"<>\\ %44 wrong`;
/** Typed into the account form and tested before saving: the vault never holds it, so the log cannot know it. */
const TYPED_UNSAVED = `u!'()*~ø æ+/=%&"<>\\ %45 typed`;
/** A proxy's password: every character an encoding changes (%, @, :, +, quotes, non-ASCII), as the vault keeps it. */
const PROXY_PASSWORD = `p%25@:+"'ä€ %45 x`;
const PROXY_USER = 'proxy-ops';
/** HTTP authentication passwords as the servers know them: every character an encoding changes, and ':'. */
const DIGEST_PASSWORD = `d%:+'"\\ä ñ€ %45 x:y`;
const BASIC_PASSWORD = `b%:+'"\\ö ß€ %46 z:w`;
const WRONG_AUTH_PASSWORD = `x%:+'"\\ü ç€ %47 q:r`;
/** The same as the account form takes them: a template, '%%' for each '%'. */
const asTemplate = (password: string): string => password.replace(/%/g, '%%');
const RECIPIENTS = ['+15551230001'];
const report = new CaseReport('secret-scan', 'secret scan with hostile secrets');

let t: AppUnderTest;
/** Answers like a careless server: every refusal repeats what it was sent. */
let echo: TestServer;
let echoMode: { precheck: 'ok' | 'refuse'; upload: 'ok' | 'refuse' } = { precheck: 'ok', upload: 'refuse' };
let pathAccount = '';
let proxy: TestProxy;

function echoed(req: SeenRequest): string {
  const header = (name: string): string => Buffer.from(String(req.headers[name] ?? ''), 'latin1').toString('utf8');
  const field = /name="pass"\r\n\r\n([^\r]*)\r\n/.exec(req.body.toString('utf8'))?.[1] ?? '';
  return `Denied ${req.method} ${req.url} auth=${header('x-auth')} pass=${field} body=${req.method === 'POST' && !field ? req.body.toString('utf8').slice(0, 60) : ''}`;
}

beforeAll(async () => {
  t = await startAppUnderTest('secret-scan', { secrets: HOSTILE });
  t.secrets.push({ label: 'wrong password typed', value: WRONG_PASSWORD, user: t.sandbox.accounts.library.userId });
  t.secrets.push({ label: 'password typed, tested, never saved', value: TYPED_UNSAVED });
  echo = await startScriptedServer((req, res) => {
    const refuse = req.url.startsWith('/precheck/') ? echoMode.precheck === 'refuse' : req.url.startsWith('/upload/') ? echoMode.upload === 'refuse' : true;
    const body = refuse ? { message: echoed(req) } : { media_url: 'https://media.example/m/1.jpg' };
    res.writeHead(refuse ? 401 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  const sandboxGeneric = t.app.services.accounts.config(t.accounts.generic) as GenericAccountConfig;
  const config: GenericAccountConfig = {
    ...sandboxGeneric,
    label: 'Secret in the URL path',
    settings: {
      genericMediaUploadUrl: `${echo.origin}/upload/%account[password]%/%sha1(%account[username]%%account[password]%)%?p=%account[password]%`,
      genericMediaUploadMethod: 'POST',
      genericMediaUploadMultipartData: 'user=%account[username]%&pass=%account[password]%&media=%media_content%',
      genericMediaUploadCustomHeaders: 'X-Auth: %account[password]%',
      genericMediaUploadPrecheckUrl: `${echo.origin}/precheck/%account[password]%?to=%sms_to%`,
      genericMediaUploadPrecheckMethod: 'GET',
      genericMediaRefSendUrl: `${echo.origin}/send/%account[password]%`,
      genericMediaRefSendMethod: 'POST',
      genericMediaRefSendPostData: 'pass=%account[password]%&to=%sms_to%&url=%media_url%',
    },
  };
  pathAccount = (await t.call('accounts.create', { config, secret: HOSTILE.generic })).id;
}, 60_000);
afterAll(async () => {
  await report.write();
  await echo?.close();
  await proxy?.close();
  await t?.close();
});

async function uploadWith(accountId: string): Promise<{ state: string; message: string; referenceSends: string }> {
  const file = await t.demoFile('fractal.jpg');
  const [queued] = await t.call('generic.upload', { accountId, files: [await t.app.grantFile(file)], recipients: RECIPIENTS, description: 'secret scan' });
  const done = await t.waitForTransfer(queued?.id ?? '');
  return { state: done.state, message: done.error?.message ?? '', referenceSends: JSON.stringify(done.result ?? '') };
}

describe('secret scan: hostile secrets through every flow', () => {
  it('the sandbox accounts work with hostile passwords (generic upload with precheck and reference send, library, Twilio)', async () => {
    const upload = await uploadWith(t.accounts.generic);
    const folders = await t.call('library.listFolders', { accountId: t.accounts.library });
    const source = await t.demoFile('fractal.jpg', 'scan.jpg');
    const outcome = await t.call('library.upload', { accountId: t.accounts.library, folder: folders[0]?.name ?? 'Photos', files: [{ ref: await t.app.grantFile(source) }] });
    const libraryUpload = await t.waitForTransfer(outcome.queued[0]?.id ?? '');
    const messages = await t.call('twilio.listMessages', { accountId: t.accounts.twilio });
    const tests = await Promise.all([t.accounts.generic, t.accounts.library, t.accounts.twilio].map((accountId) => t.call('accounts.test', { accountId })));
    const checks = new Checks()
      .that('the generic upload succeeded', upload.state === 'done')
      .that('the library listed its folders and took an upload', folders.length > 0 && libraryUpload.state === 'done')
      .that('Twilio listed messages', messages.items.length > 0)
      .that('every test connection succeeded', tests.every((r) => r.ok));
    report.judge('hostile passwords in every protocol', 'each flow succeeds', `upload ${upload.state} ${upload.message}; library upload ${libraryUpload.state}; tests ${tests.map((r) => r.message).join(' | ')}`, checks);
    expect(checks.failed()).toEqual([]);
  }, 60_000);

  it('a secret in URL paths, a %sha1(…)%, a header and a multipart field, to a server that echoes them in its errors', async () => {
    echoMode = { precheck: 'refuse', upload: 'refuse' };
    const atPrecheck = await uploadWith(pathAccount);
    echoMode = { precheck: 'ok', upload: 'refuse' };
    const atUpload = await uploadWith(pathAccount);
    echoMode = { precheck: 'ok', upload: 'ok' };
    const atReference = await uploadWith(pathAccount);
    const log = (await t.call('log.list', { limit: 5000 })).map((e) => e.message).join('\n');
    const checks = new Checks()
      .that('the precheck and the upload failed with the server message', atPrecheck.state === 'failed' && atUpload.state === 'failed' && /Denied/.test(atUpload.message))
      .that('the reference send failed with the server message', /Denied/.test(atReference.referenceSends))
      .that("the log shows the template's shape, /precheck/•••", log.includes('/precheck/•••'))
      .that('and /upload/•••/•••', log.includes('/upload/•••/•••'));
    report.judge('secret in URL path, sha1, header, multipart field; the server echoes them', 'failures shown, the log shows •••', `precheck: ${atPrecheck.message}; upload: ${atUpload.message}`, checks);
    expect(checks.failed()).toEqual([]);
  }, 60_000);

  it('a wrong password (hostile too) is refused without being repeated anywhere', async () => {
    const library = t.app.services.accounts.config(t.accounts.library);
    const wrong = await t.call('accounts.create', { config: { ...library, label: 'Wrong password' }, secret: WRONG_PASSWORD });
    const tested = await t.call('accounts.test', { accountId: wrong.id });
    const error = await t.callError('library.listFolders', { accountId: wrong.id });
    const checks = new Checks().that('test connection says it failed', !tested.ok).that('listing fails as unauthorized', error.code === 'unauthorized');
    report.judge('wrong hostile password', 'refused', `${tested.message}; ${error.code}: ${error.message}`, checks);
    expect(checks.failed()).toEqual([]);
  }, 30_000);

  it('a password typed and tested before saving, to a precheck that echoes it, is not repeated anywhere', async () => {
    echoMode = { precheck: 'refuse', upload: 'refuse' };
    const config = { ...t.app.services.accounts.config(pathAccount), label: 'Not saved yet' };
    const tested = await t.call('accounts.testConfig', { config, secret: TYPED_UNSAVED });
    const log = (await t.call('log.list', { limit: 5000 })).map((e) => e.message).join('\n');
    const checks = new Checks()
      .that('the test failed with the server message', !tested.ok && /Denied/.test(tested.message))
      .that('the log has the test', log.includes('Connection test of an unsaved configuration'));
    report.judge('typed, unsaved password echoed by the precheck', 'failure shown, the password nowhere', tested.message, checks);
    expect(checks.failed()).toEqual([]);
  }, 30_000);

  it("a proxy password with every character an encoding changes: through the proxy, and refused when wrong", async () => {
    proxy = await startTestProxy({ credentials: { username: PROXY_USER, password: PROXY_PASSWORD } });
    t.secrets.push({ label: 'proxy password', value: PROXY_PASSWORD, user: PROXY_USER });
    const wrongProxyPassword = `${PROXY_PASSWORD}-old`;
    t.secrets.push({ label: 'wrong proxy password typed', value: wrongProxyPassword, user: PROXY_USER });
    await t.call('settings.setProxyPassword', { password: PROXY_PASSWORD });
    await t.call('settings.update', { proxy: { mode: 'manual', host: '127.0.0.1', port: proxy.port, username: PROXY_USER, bypass: '' } });
    const upload = await uploadWith(t.accounts.generic);
    const folders = await t.invoke('library.listFolders', { accountId: t.accounts.library });
    const messages = await t.invoke('twilio.listMessages', { accountId: t.accounts.twilio });
    const tested = await t.call('accounts.test', { accountId: t.accounts.library });
    const through = proxy.seen.length;
    await t.call('settings.setProxyPassword', { password: wrongProxyPassword });
    const refused = await t.invoke('library.listFolders', { accountId: t.accounts.library });
    const refusedTest = await t.call('accounts.test', { accountId: t.accounts.twilio });
    await t.call('settings.update', { proxy: { mode: 'none', host: '', port: null, username: '', bypass: '' } });
    const checks = new Checks()
      .that('every protocol went through the proxy', upload.state === 'done' && folders.ok && messages.ok && tested.ok && through >= 4)
      .that('the proxy got the password as typed', proxy.seen.some((s) => s.credentials === `${PROXY_USER}:${PROXY_PASSWORD}`))
      .that('a wrong proxy password is a 407 naming the proxy', !refused.ok && refused.error.message.includes(`The proxy 127.0.0.1:${proxy.port} (from Settings) refused`) && !refusedTest.ok);
    report.judge('hostile proxy password', 'works through the proxy; a wrong one is said as a 407', `${upload.state}; ${refused.ok ? 'ok' : refused.error.message}`, checks);
    expect(checks.failed()).toEqual([]);
  }, 60_000);

  it('HTTP authentication passwords (Digest SHA-256, Basic, a wrong one) work or fail without being repeated anywhere', async () => {
    const user = 'Jö:user';
    const basicUser = 'Jö user';
    const digest = await startAuthServer({ scheme: 'digest', algorithms: ['SHA-256'], username: user, password: DIGEST_PASSWORD });
    const basic = await startAuthServer({ scheme: 'basic', username: basicUser, password: BASIC_PASSWORD });
    t.secrets.push(
      { label: 'Digest auth password', value: DIGEST_PASSWORD },
      { label: 'Digest auth password (template)', value: asTemplate(DIGEST_PASSWORD) },
      { label: 'Basic auth password', value: BASIC_PASSWORD, user: basicUser },
      { label: 'Basic auth password (template)', value: asTemplate(BASIC_PASSWORD) },
      { label: 'wrong auth password', value: WRONG_AUTH_PASSWORD },
    );
    try {
      const base = t.app.services.accounts.config(t.accounts.generic) as GenericAccountConfig;
      const account = async (label: string, origin: string, username: string, password: string): Promise<string> => {
        const settings = {
          genericMediaUploadUrl: `${origin}/upload`,
          genericMediaUploadMultipartData: 'file=%media_content%',
          genericMediaUploadAuthUsername: username,
          genericMediaUploadPrecheckUrl: `${origin}/precheck`,
          genericMediaUploadPrecheckAuthUsername: username,
        };
        const config: GenericAccountConfig = { ...base, label, settings, variables: {} };
        const authSecrets = { genericMediaUploadAuthPassword: asTemplate(password), genericMediaUploadPrecheckAuthPassword: asTemplate(password) };
        return (await t.call('accounts.create', { config, authSecrets })).id;
      };
      const viaDigest = await uploadWith(await account('Digest', digest.origin, user, DIGEST_PASSWORD));
      const viaBasic = await uploadWith(await account('Basic', basic.origin, basicUser, BASIC_PASSWORD));
      const wrong = await uploadWith(await account('Wrong auth password', digest.origin, user, WRONG_AUTH_PASSWORD));
      const wrongTest = await t.call('accounts.test', { accountId: (await t.call('accounts.list', {})).find((a) => a.label === 'Wrong auth password')?.id ?? '' });
      const log = (await t.call('log.list', { limit: 5000 })).map((e) => e.message).join('\n');
      const checks = new Checks()
        .that('the Digest upload succeeded', viaDigest.state === 'done')
        .that('the Basic upload succeeded', viaBasic.state === 'done')
        .that('the wrong password failed clearly', wrong.state === 'failed' && /refused the user name or password/.test(wrong.message))
        .that('its connection test failed clearly', !wrongTest.ok && /refused the user name or password/.test(wrongTest.message))
        .that('the log says how each authenticated', /authenticated with Digest \(SHA-256\); the precheck's challenge reused/.test(log) && /authenticated with Basic;/.test(log));
      report.judge('HTTP auth with hostile passwords', 'Digest and Basic succeed, a wrong one is refused in words', `${viaDigest.state}; ${viaBasic.state}; ${wrong.message}; ${wrongTest.message}`, checks);
      expect(checks.failed()).toEqual([]);
    } finally {
      await digest.close();
      await basic.close();
    }
  }, 60_000);

  it('afterwards no encoding of any secret is in the data folder, the log, or anything the window read', async () => {
    const leaks = await findSecretLeaks(t);
    const checks = new Checks().that('no leak', leaks.length === 0);
    report.judge('hostile secrets after every flow', 'no secret in any encoding anywhere the user or the window can read', describeLeaks(leaks), checks);
    expect(describeLeaks(leaks)).toBe(describeLeaks([]));
  }, 30_000);
});
