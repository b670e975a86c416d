// Seeded generators of hostile bytes for the browser host: request lines, header blocks, upgrade requests and
// WebSocket frames that no well-behaved client sends. The same seed gives the same bytes, so a failure names its
// seed and index and replays exactly.
import { seededRandom } from '../../../reliability/support/fuzz';
import { frame } from './raw';

export interface Target {
  hostHeader: string;
  origin: string;
  cookie: string;
}

export class HostileInput {
  private readonly random: () => number;

  constructor(
    seed: number,
    private readonly target: Target,
  ) {
    this.random = seededRandom(seed);
  }

  private int(n: number): number {
    return Math.floor(this.random() * n);
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private bytes(n: number): Buffer {
    return Buffer.from(Array.from({ length: n }, () => this.int(256)));
  }

  private junk(max: number): string {
    return this.bytes(1 + this.int(max)).toString('latin1');
  }

  private cookieHeader(): string | undefined {
    return this.pick([undefined, this.target.cookie, this.target.cookie, `${this.target.cookie}x`, 'md_session=\u0000', `${this.junk(40)}`]);
  }

  requestLine(): string {
    const method = this.pick(['GET', 'POST', 'HEAD', 'OPTIONS', 'CONNECT', 'TRACE', 'PRI', 'DELETE', 'G ET', '', 'GET\0', 'ÄÖÜ', 'X'.repeat(5000), this.junk(12)]);
    const target = this.pick([
      '/',
      'http://[',
      'http://[::1',
      '*',
      '//',
      '/%',
      '/%zz%',
      '/?token=',
      '/?token=%00%ff',
      'http://attacker.example/',
      '\\..\\',
      '/..%2f..%2f',
      `/${'a'.repeat(9000)}`,
      `/api/invoke?${'&'.repeat(2000)}`,
      `ws://${this.target.hostHeader}/api/events`,
      '/\u0000',
      '/\u00ff\u00fe',
      `/media/${this.junk(30)}`,
      '/api/stage?name=%00',
      this.junk(60),
    ]);
    const version = this.pick(['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTP/1.1x', 'http/1.1', '', 'HTTP/', 'HTTP/1.1\0', 'ICY']);
    const space = (): string => this.pick([' ', ' ', '  ', '\t', '']);
    const end = this.pick(['\r\n', '\n', '\r', '', '\r\r\n']);
    const headers = this.chance(0.7) ? `Host: ${this.target.hostHeader}\r\n${this.chance(0.5) ? `Cookie: ${this.target.cookie}\r\n` : ''}\r\n` : '\r\n';
    return `${method}${space()}${target}${space()}${version}${end}${headers}`;
  }

  headerBlock(): Buffer {
    const path = this.pick(['/', '/api/invoke', '/api/stage?name=x.jpg', '/api/events', '/assets/app.js', '/media/m_1']);
    const method = path === '/' || path.startsWith('/assets') ? this.pick(['GET', 'HEAD', 'POST']) : 'POST';
    const lines: Array<string | Buffer> = [`${method} ${path} HTTP/1.1`];
    if (this.chance(0.8)) lines.push(`Host: ${this.pick([this.target.hostHeader, this.target.hostHeader, '', 'a b', `${this.target.hostHeader}\u0000`, 'x'.repeat(3000)])}`);
    const cookie = this.cookieHeader();
    if (cookie !== undefined) lines.push(`Cookie: ${cookie}`);
    if (this.chance(0.5)) lines.push(`Origin: ${this.pick([this.target.origin, 'null', 'https://attacker.example', this.junk(20)])}`);
    const hostile = [
      (): string => `X-No-Colon ${this.junk(20)}`,
      (): string => `Bad Name: 1`,
      (): string => `X-Ctl: a\u0001\u0007b`,
      (): string => `X-Nul: a\u0000b`,
      (): Buffer => Buffer.concat([Buffer.from('X-High: '), this.bytes(30)]),
      (): string => `X-Folded: a\r\n  folded`,
      (): string => `: empty-name`,
      (): string => `Content-Length: ${this.pick(['-1', '1e3', 'abc', '99999999999999999999', '10, 20', ' 5', '0x10'])}`,
      (): string => `Content-Length: 5\r\nContent-Length: 6`,
      (): string => `Transfer-Encoding: chunked\r\nContent-Length: 3`,
      (): string => `Transfer-Encoding: ${this.pick(['gzip', 'chunked, gzip', 'xchunked', 'chunked\u0000'])}`,
      (): string => `Expect: 100-continue`,
      (): string => `Connection: ${this.pick(['upgrade', 'close, upgrade', this.junk(10)])}`,
      (): string => `Range: bytes=${this.pick(['-', '0-0,0-0,0-0', '99999999999999999999-', 'x-y'])}`,
      (): string => `Cookie: ${this.junk(50)}`,
      (): string => `Sec-Fetch-Site: ${this.pick(['cross-site', 'same-origin', this.junk(8)])}`,
    ];
    for (let i = 0; i < 1 + this.int(4); i++) lines.push(this.pick(hostile)());
    const chunked = lines.some((l) => typeof l === 'string' && /Transfer-Encoding: chunked/.test(l));
    const body = chunked
      ? this.pick(['zz\r\nabc\r\n0\r\n\r\n', 'ffffffffffffffff\r\n', '-1\r\n', '3\r\nabcdef\r\n', '0\r\nTrailer\u0000: x\r\n\r\n'])
      : this.pick(['', '{"method":"app.info","args":{}}', this.junk(200), '{'.repeat(5000)]);
    const head = Buffer.concat(lines.flatMap((l) => [typeof l === 'string' ? Buffer.from(l, 'latin1') : l, Buffer.from('\r\n')]));
    return Buffer.concat([head, Buffer.from('\r\n'), Buffer.from(body, 'latin1')]);
  }

  hugeHeaders(): string {
    const base = `GET / HTTP/1.1\r\nHost: ${this.target.hostHeader}\r\nCookie: ${this.target.cookie}\r\n`;
    if (this.chance(0.5)) return `${base}X-Big: ${'a'.repeat(17_000 + this.int(300_000))}\r\n\r\n`;
    return `${base}${Array.from({ length: 2000 + this.int(3000) }, (_, i) => `X-${i}: ${i}\r\n`).join('')}\r\n`;
  }

  upgrade(): { request: string; reset: boolean } {
    const lines = [`${this.pick(['GET', 'GET', 'POST', 'HEAD', 'CONNECT'])} ${this.pick(['/api/events', '/api/events', 'http://[', '/nope', '*', '/api/events?x=%zz', `http://${this.target.hostHeader}/api/events`, '/api/events/../events', this.junk(20)])} HTTP/1.1`];
    lines.push(`Host: ${this.pick([this.target.hostHeader, this.target.hostHeader, 'attacker.example', ''])}`);
    lines.push(`Upgrade: ${this.pick(['websocket', 'websocket', 'WebSocket', 'h2c', '', 'websocket, h2c', this.junk(10)])}`);
    lines.push(`Connection: ${this.pick(['Upgrade', 'Upgrade', 'keep-alive, Upgrade', 'close', ''])}`);
    const key = this.pick([Buffer.from(this.bytes(16)).toString('base64'), '', 'short', 'not base64!!!!!!!!!!!!==', 'A'.repeat(24), this.junk(24), undefined]);
    if (key !== undefined) lines.push(`Sec-WebSocket-Key: ${key}`);
    const version = this.pick(['13', '13', '8', '99', 'x', '', undefined]);
    if (version !== undefined) lines.push(`Sec-WebSocket-Version: ${version}`);
    const cookie = this.cookieHeader();
    if (cookie !== undefined) lines.push(`Cookie: ${cookie}`);
    if (this.chance(0.7)) lines.push(`Origin: ${this.pick([this.target.origin, this.target.origin, 'null', 'https://attacker.example'])}`);
    if (this.chance(0.2)) lines.push(`Sec-WebSocket-Extensions: ${this.pick(['permessage-deflate; client_max_window_bits', this.junk(30)])}`);
    if (this.chance(0.1)) lines.push(`Sec-WebSocket-Protocol: ${this.junk(30)}`);
    // Bytes right after the headers arrive in the upgrade's `head`: sometimes a frame, sometimes junk.
    const after = this.pick(['', '', this.junk(40), frame({ opcode: 1, payload: Buffer.from('hi') }).toString('latin1')]);
    return { request: `${lines.join('\r\n')}\r\n\r\n${after}`, reset: this.chance(0.3) };
  }

  /** One to four frames for a connection that completed a valid upgrade. */
  frames(): Buffer {
    const makers = [
      (): Buffer => frame({ opcode: 1, mask: false, payload: Buffer.from('1234567') }),
      (): Buffer => frame({ opcode: 1, rsv: 1 + this.int(7), payload: Buffer.from('rsv') }),
      (): Buffer => frame({ opcode: this.pick([3, 4, 5, 6, 7, 0xb, 0xc, 0xd, 0xe, 0xf]), payload: this.bytes(this.int(20)) }),
      (): Buffer => frame({ opcode: 2, payload: this.bytes(8), announcedLength: this.pick([2n ** 63n - 1n, 2n ** 53n, 2n ** 32n, 70_000n]) }),
      (): Buffer => frame({ opcode: 2, payload: Buffer.alloc(1024 * 1024, 0x41) }),
      (): Buffer => frame({ opcode: 0, payload: this.bytes(10) }),
      (): Buffer => Buffer.concat([frame({ opcode: 1, fin: false, payload: Buffer.from('frag') }), frame({ opcode: 9, fin: false, payload: Buffer.from('x') })]),
      (): Buffer => Buffer.concat([frame({ opcode: 1, fin: false, payload: Buffer.from('frag') }), frame({ opcode: 1, payload: Buffer.from('new') })]),
      (): Buffer => frame({ opcode: 9, payload: this.bytes(126) }),
      (): Buffer => frame({ opcode: 8, payload: Buffer.from([this.int(256), this.int(256), 0xff]) }),
      (): Buffer => frame({ opcode: 8, payload: Buffer.from([0x03]) }),
      (): Buffer => frame({ opcode: 1, payload: Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]) }),
      (): Buffer => frame({ opcode: 1, payload: Buffer.from('{"method":"accounts.list","args":{}}') }),
      (): Buffer => frame({ opcode: 10, payload: this.bytes(this.int(125)) }),
      (): Buffer => this.bytes(10 + this.int(200)),
      (): Buffer => Buffer.from([0x81]),
    ];
    return Buffer.concat(Array.from({ length: 1 + this.int(4) }, () => this.pick(makers)()));
  }
}
