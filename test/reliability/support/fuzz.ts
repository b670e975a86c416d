// A small seeded generator of hostile payloads for the contract fuzz: wrong types, NaN and the infinities, huge and
// odd strings (traversal, encoded traversal, NUL, control characters, bidi overrides, lone surrogates, 1,000
// characters of non-Latin text), deep objects and arrays, prototype keys, cycles, and values no JSON can carry
// (undefined, BigInt, Symbol, functions, Map, Date) for the in-process and IPC paths, where structured clone
// carries some of them. The same seed gives the same payloads, so a failure names its seed and index.

/** mulberry32: small, fast, good enough to pick test values; the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const HUGE = 'A'.repeat(1024 * 1024);
const NON_LATIN = 'фотография-写真-صورة-תמונה-छवि-사진-';

const STRINGS: readonly string[] = [
  '',
  ' ',
  'a',
  '../../../../etc/passwd',
  '..\\..\\windows\\system32',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '%252e%252e%252f',
  '..%c0%af..%c0%af',
  'a\u0000b',
  '\u0000',
  'line\r\nInjected-Header: yes',
  '\u0007\u0008\u001b[31m',
  '\u202egnp.exe',
  '\ud800',
  '\udfff\ud800',
  'name"with\'quotes`and<tags>&amp;',
  '%s%s%n%x',
  '${7*7}{{7*7}}',
  'acc_',
  'acc_0123456789abcdef',
  'acc_ABCDEFGH',
  'tr_0123456789abcdef',
  'tr_../../x',
  'stg_0123456789abcdef0123',
  'cr_0123456789abcdef',
  'MM00000000000000000000000000000000',
  'ME0000000000000000000000000000000g',
  '2024-02-30',
  '9999-99-99',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'https://user:pass@example.com/',
  '__proto__',
  'constructor',
  'prototype',
  'acl',
  NON_LATIN.repeat(40).slice(0, 1000),
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀👍🏽'.repeat(10),
];

const KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'then', '', ' ', 'a'.repeat(300), 'ключ', '\u0000', 'kind', 'id', 'path'];

export interface GeneratorOptions {
  /** Only values JSON can carry (for the HTTP path). */
  jsonOnly?: boolean;
}

export class PayloadGenerator {
  private readonly random: () => number;

  constructor(
    seed: number,
    private readonly options: GeneratorOptions = {},
  ) {
    this.random = seededRandom(seed);
  }

  private int(n: number): number {
    return Math.floor(this.random() * n);
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  string(): string {
    const roll = this.random();
    if (roll < 0.02) return HUGE.slice(0, 100_000 + this.int(HUGE.length - 100_000));
    if (roll < 0.7) return this.pick(STRINGS);
    if (roll < 0.85) return this.pick(STRINGS) + this.pick(STRINGS);
    let out = '';
    const length = this.int(40);
    for (let i = 0; i < length; i++) out += String.fromCharCode(this.int(0x3000));
    return out;
  }

  number(): number {
    return this.pick([0, -0, 1, -1, 0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, Number.MIN_SAFE_INTEGER, 2 ** 31, 16, 17, 5000, 1_000_001, NaN, Infinity, -Infinity]);
  }

  private deep(depth: number): unknown {
    let value: unknown = this.random() < 0.5 ? 'bottom' : 1;
    for (let i = 0; i < depth; i++) value = this.random() < 0.5 ? [value] : { [this.pick(['a', 'config', 'files', 'kind'])]: value };
    return value;
  }

  /** Any value, up to `depth` levels of containers. */
  value(depth = 3): unknown {
    const roll = this.int(this.options.jsonOnly ? 9 : 12);
    switch (roll) {
      case 0:
        return null;
      case 1:
        return this.random() < 0.5;
      case 2:
        return this.number();
      case 3:
      case 4:
        return this.string();
      case 5:
        return depth <= 0 ? [] : Array.from({ length: this.int(5) }, () => this.value(depth - 1));
      case 6:
        return depth <= 0 ? {} : this.object(depth - 1, []);
      case 7:
        // Deep nesting; JSON.stringify (the HTTP path) cannot write 5,000 levels, raw bodies test deeper ones there.
        return this.deep(this.random() < 0.1 && !this.options.jsonOnly ? 5000 : 50);
      case 8: {
        // Long arrays and wide objects (rarely very long: they cost the generator more than the app).
        const big = this.random() < 0.1;
        return this.random() < 0.5 ? Array.from({ length: big ? 20_000 : 200 }, () => 'x') : Object.fromEntries(Array.from({ length: big ? 2000 : 50 }, (_, i) => [`k${i}`, i]));
      }
      case 9:
        return this.pick<unknown>([undefined, 10n, Symbol('s'), () => 1, new Date(NaN), new Map([['a', 1]]), new Set([1]), new Uint8Array(4), Object.create(null) as object]);
      case 10: {
        const cycle: Record<string, unknown> = { kind: 'library' };
        cycle.self = cycle;
        cycle.config = cycle;
        return cycle;
      }
      default: {
        const withProto = JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}') as unknown;
        return withProto;
      }
    }
  }

  /** An object with some of the method's real keys (random values) and some foreign keys. */
  object(depth: number, knownKeys: readonly string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of knownKeys) if (this.random() < 0.7) Object.defineProperty(out, key, { value: this.value(depth), enumerable: true, configurable: true, writable: true });
    const foreign = this.random() < 0.4 ? this.int(3) + 1 : 0;
    for (let i = 0; i < foreign; i++) Object.defineProperty(out, this.pick(KEYS), { value: this.value(depth), enumerable: true, configurable: true, writable: true });
    return out;
  }

  /** A payload for a method: mostly objects with its own keys, sometimes anything at all. */
  payload(knownKeys: readonly string[]): unknown {
    return this.random() < 0.75 ? this.object(2, knownKeys) : this.value(2);
  }
}

/** Words for a payload in a report (never the whole thing). */
export function describePayload(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array(${value.length})`;
  if (typeof value === 'object') return `{${Object.keys(value).slice(0, 4).map((k) => JSON.stringify(k)).join(',')}}`;
  if (typeof value === 'string') return `string(${value.length})`;
  return typeof value === 'number' || typeof value === 'boolean' || value === undefined ? String(value) : typeof value;
}
