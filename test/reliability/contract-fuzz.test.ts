// Every contract method (METHOD_NAMES: the list grows as methods are added, and this file follows it) called with a
// few hundred random and malformed payloads from a seeded generator: through the app's real dispatcher for all of
// them, and through the browser host over HTTP for a sample. Each answer must be a typed validation error naming the
// method, short, without a stack trace; no handler may run; the app's state must not change; nothing may pollute
// Object.prototype; and the host must keep serving. Payloads the schema accepts are not sent here: handler-fuzz.test.ts
// sends schema-valid values that are hostile by content, so the handlers themselves run under attack.
import http from 'node:http';
import { promises as fs } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES, type MethodName } from '../../main/common/contract.js';
import { isAppErrorData } from '../../main/common/errors.js';
import { startBrowserHost, type BrowserHost } from '../../main/webhost/server.js';
import { bootTestApp, makeRendererDir } from '../helpers/app-harness.js';
import { describePayload, PayloadGenerator } from './support/fuzz.js';
import { CaseReport, Checks } from './support/report.js';

const report = new CaseReport('contract-fuzz', 'contract');
const PER_METHOD = 250;
const HTTP_PER_METHOD = 12;
const SEED = 0x5eed;

let app: Awaited<ReturnType<typeof bootTestApp>>;
let host: BrowserHost;
let rendererDir: string;
let cookie = '';

/** The keys a method's argument object declares (zod object schemas, refined or not). */
function keysOf(method: MethodName): string[] {
  const schema = contract[method].args as unknown as { shape?: Record<string, unknown> };
  return schema.shape ? Object.keys(schema.shape) : [];
}

function accepts(method: MethodName, payload: unknown): boolean {
  try {
    return contract[method].args.safeParse(payload === undefined ? {} : payload).success;
  } catch {
    return false;
  }
}

/** What the app holds that a handler could change: if a malformed call reached one, this would move. */
async function stateSnapshot(): Promise<string> {
  await app.services.transfers.flush();
  return JSON.stringify({
    accounts: app.services.accounts.list(),
    settings: app.services.settings.get(),
    transfers: app.services.transfers.list(),
    notices: app.services.notices.list(),
    files: (await fs.readdir(app.dataDir)).sort(),
  });
}

function request(pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, path: pathname, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${host.port}`, ...options.headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const invokeOverHttp = (body: string | Buffer) =>
  request('/api/invoke', { method: 'POST', headers: { 'content-type': 'application/json', origin: host.origin, cookie }, body });

beforeAll(async () => {
  app = await bootTestApp();
  // One account and one finished transfer, so there is state a stray handler could change.
  await app.dispatch('accounts.create', { config: { kind: 'library', label: 'Fuzz target', serverUrl: 'https://library.example', domain: 'd', userId: 'u', appId: 'a' }, secret: 'fuzz-secret-1234' });
  rendererDir = await makeRendererDir();
  host = await startBrowserHost({ dispatch: app.dispatch, events: app.services.events, staging: app.staging, rendererDir });
  const exchange = await request(`/?token=${host.token}`);
  cookie = String(exchange.headers['set-cookie']?.[0]).split(';')[0] ?? '';
});
afterAll(async () => {
  await report.write();
  await host?.close();
  await app?.cleanup();
  await fs.rm(rendererDir, { recursive: true, force: true });
});

describe('every contract method, random and malformed payloads, through the dispatcher', () => {
  it(`${METHOD_NAMES.length} methods × ${PER_METHOD} payloads: a typed validation error every time, no handler reached`, async () => {
    const before = await stateSnapshot();
    const problems: string[] = [];
    let sent = 0;
    let acceptedBySchema = 0;
    for (const [m, method] of METHOD_NAMES.entries()) {
      const generator = new PayloadGenerator(SEED + m);
      const keys = keysOf(method);
      for (let i = 0; i < PER_METHOD; i++) {
        const payload = generator.payload(keys);
        // A payload that happens to be valid would really run (delete an account, open a link…): not sent, counted.
        if (accepts(method, payload)) {
          acceptedBySchema += 1;
          continue;
        }
        sent += 1;
        let answer: unknown;
        try {
          answer = await app.dispatch(method, payload);
        } catch (err) {
          problems.push(`${method} #${i} (${describePayload(payload)}): the dispatcher threw ${String(err).slice(0, 100)}`);
          continue;
        }
        const result = answer as { ok?: unknown; error?: unknown };
        if (result.ok !== false || !isAppErrorData(result.error)) {
          problems.push(`${method} #${i} (${describePayload(payload)}): not a typed error: ${JSON.stringify(answer)?.slice(0, 120)}`);
          continue;
        }
        const { code, message } = result.error;
        if (code !== 'validation') problems.push(`${method} #${i} (${describePayload(payload)}): code ${code}: ${message.slice(0, 120)}`);
        else if (!message.startsWith(`Invalid arguments for ${method}.`)) problems.push(`${method} #${i}: message does not name the method: ${message.slice(0, 120)}`);
        else if (message.length > 600) problems.push(`${method} #${i}: a message of ${message.length} characters (the UI shows it; the dispatcher caps it)`);
        else if (/\n\s+at |node_modules|\/work\//.test(message)) problems.push(`${method} #${i}: message shows internals: ${message.slice(0, 120)}`);
      }
    }
    // Unknown method names, including ones inherited from Object.
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'app.info ', 'APP.INFO', 42, null, undefined, ['app.info'], { method: 'app.info' }]) {
      const answer = await app.dispatch(name, {});
      if (answer.ok || answer.error.code !== 'validation') problems.push(`method name ${JSON.stringify(name)}: ${JSON.stringify(answer).slice(0, 100)}`);
    }
    const after = await stateSnapshot();
    const polluted = ({} as Record<string, unknown>).polluted !== undefined || Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted');
    const info = await app.dispatch('app.info', {});
    const checks = new Checks()
      .that('every malformed call answered a typed validation error naming the method', problems.length === 0)
      .that("the app's state did not change (no handler ran)", before === after)
      .that('Object.prototype was not polluted', !polluted)
      .that('the app still answers', info.ok);
    report.judge(
      `every contract method (${METHOD_NAMES.length}) × ${PER_METHOD} seeded random/malformed payloads, in process (dispatcher)`,
      'a typed validation error naming the method every time, no stack trace or path; no handler runs; no prototype pollution; the app keeps answering',
      `${sent} malformed calls answered, ${acceptedBySchema} generated payloads happened to be valid and were not sent; ${problems.length} problems${problems.length ? `: ${problems.slice(0, 3).join('; ')}` : ''}; state unchanged: ${before === after}; prototype polluted: ${polluted}`,
      checks,
    );
    expect(problems).toEqual([]);
    expect(checks.failed()).toEqual([]);
  }, 60_000);
});

describe('a sample through the browser host over HTTP', () => {
  it(`${HTTP_PER_METHOD} JSON payloads per method, and bodies that are not JSON: typed errors, and the host keeps serving`, async () => {
    const problems: string[] = [];
    let sent = 0;
    for (const [m, method] of METHOD_NAMES.entries()) {
      const generator = new PayloadGenerator(SEED * 7 + m, { jsonOnly: true });
      const keys = keysOf(method);
      for (let i = 0; i < HTTP_PER_METHOD; i++) {
        const payload = generator.payload(keys);
        // What reaches main is what JSON carries: NaN becomes null and so on.
        const body = JSON.stringify({ method, args: payload });
        const carried = (JSON.parse(body) as { args?: unknown }).args;
        if (accepts(method, carried)) continue;
        sent += 1;
        const res = await invokeOverHttp(body);
        let parsed: { ok?: unknown; error?: unknown } = {};
        try {
          parsed = JSON.parse(res.body) as typeof parsed;
        } catch {
          problems.push(`${method} #${i}: HTTP ${res.status}, body not JSON: ${res.body.slice(0, 80)}`);
          continue;
        }
        const expectedStatus = Buffer.byteLength(body) > 1024 * 1024 ? 400 : 200;
        const expectedCode = expectedStatus === 400 ? 'too_large' : 'validation';
        if (res.status !== expectedStatus || parsed.ok !== false || !isAppErrorData(parsed.error) || parsed.error.code !== expectedCode) {
          problems.push(`${method} #${i} (${describePayload(payload)}): HTTP ${res.status} ${res.body.slice(0, 120)}`);
        }
      }
    }
    const raw: Array<[string, string | Buffer, number, string]> = [
      ['not JSON', '{"method": "app.info", "args": {', 400, 'validation'],
      ['empty body', '', 400, 'validation'],
      ['bytes that are not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 400, 'validation'],
      ['a JSON string', '"app.info"', 200, 'validation'],
      ['a JSON array', '["app.info", {}]', 200, 'validation'],
      ['null', 'null', 200, 'validation'],
      ['over 1 MiB', `{"method":"app.info","args":{"x":"${'x'.repeat(1024 * 1024)}"}}`, 400, 'too_large'],
      ['deeply nested args', `{"method":"accounts.create","args":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, 200, 'validation'],
      ['__proto__ in args', '{"method":"settings.update","args":{"__proto__":{"theme":"dark"},"constructor":{"prototype":{"polluted":"yes"}}}}', 200, 'validation'],
    ];
    for (const [what, body, status, code] of raw) {
      sent += 1;
      const res = await invokeOverHttp(body);
      let parsed: { ok?: unknown; error?: unknown } = {};
      try {
        parsed = JSON.parse(res.body) as typeof parsed;
      } catch {
        // checked below
      }
      if (res.status !== status || parsed.ok !== false || !isAppErrorData(parsed.error) || parsed.error.code !== code) {
        problems.push(`${what}: HTTP ${res.status} ${res.body.slice(0, 120)}`);
      }
    }
    const page = await request('/', { headers: { cookie } });
    const info = await invokeOverHttp(JSON.stringify({ method: 'app.info', args: {} }));
    const settings = await app.dispatch('settings.get', {});
    const polluted = ({} as Record<string, unknown>).polluted !== undefined;
    const checks = new Checks()
      .that('every call answered a typed error with the right status', problems.length === 0)
      .that('the host still serves the page', page.status === 200)
      .that('the host still answers the contract', info.status === 200 && (JSON.parse(info.body) as { ok: boolean }).ok)
      .that('__proto__ in arguments changed no setting', settings.ok && (settings.value as { theme: string }).theme === 'system')
      .that('Object.prototype was not polluted', !polluted);
    report.judge(
      `a sample over HTTP through the browser host (${HTTP_PER_METHOD} JSON payloads per method, ${raw.length} bodies that are not what it expects)`,
      'HTTP 200 with a typed validation error (400 with a typed error for a body that is not JSON or over 1 MiB); the host keeps serving',
      `${sent} requests; ${problems.length} problems${problems.length ? `: ${problems.slice(0, 3).join('; ')}` : ''}; page afterwards: HTTP ${page.status}; app.info afterwards: HTTP ${info.status}`,
      checks,
    );
    expect(problems).toEqual([]);
    expect(checks.failed()).toEqual([]);
  }, 60_000);
});
