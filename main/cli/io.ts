// What the CLI talks to: the three standard streams, the environment and the working folder. Passed in rather
// than read from `process`, so the whole CLI can also run inside a test with fake streams.
import { printable, printableLines } from './format.js';
import { jsonText } from './json.js';
import type { CliWords } from './words.js';

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  env: Record<string, string | undefined>;
  cwd: string;
}

export function processIo(env: NodeJS.ProcessEnv = process.env): CliIo {
  // `npm run cli` runs in the package's folder; relative paths were typed in the user's own, which npm passes
  // as INIT_CWD. Only for this package's own script: elsewhere INIT_CWD may be another package's caller.
  const viaNpmScript = env.npm_lifecycle_event === 'cli' && env.npm_package_name === 'media-desk' && env.INIT_CWD;
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env, cwd: viaNpmScript ? env.INIT_CWD! : process.cwd() };
}

/**
 * stdout carries the result only (text lines, or one JSON document with --json), so it can be piped; everything
 * meant for the person at the terminal (warnings, per-item failures, progress, prompts) goes to stderr.
 */
export class Output {
  constructor(
    private readonly io: CliIo,
    readonly json: boolean,
    private readonly words: CliWords,
    /** Hides known secrets in anything written, as a last guard: no message is meant to carry one. */
    private readonly redact: (text: string) => string = (text) => text,
  ) {}

  // Lines and warnings carry server text (a media_url, a file name, a message): whatever a command forgot, no
  // control character of it reaches the terminal, piped or not (text output is for people; scripts read --json).

  /** A line of the text result; silent with --json, where the document carries everything. */
  line(text = ''): void {
    if (!this.json) this.io.stdout.write(`${printable(this.redact(text))}\n`);
  }

  /**
   * A document written as it is, in either mode (a command's own CSV or JSON, a server's XML body), so that a file it
   * is redirected into holds the very bytes; on a terminal, its control characters other than line breaks are not.
   */
  raw(text: string): void {
    const redacted = this.redact(text);
    this.io.stdout.write(this.io.stdout.isTTY === true ? printableLines(redacted) : redacted);
  }

  /** The one JSON document of a --json run. */
  document(value: unknown): void {
    this.io.stdout.write(this.redact(`${jsonText(value, 2)}\n`));
  }

  /** A failure of one item among several, or something the user should know; stderr in both modes. */
  warn(text: string): void {
    const said = this.redact(`media-desk: ${text}`);
    this.io.stderr.write(`${printable(said)}\n`);
  }

  /** Progress for one transfer; draws nothing unless stderr is a terminal (logs and pipes stay clean). */
  progress(label: string): Progress {
    return new Progress(this.io.stderr, this.io.stderr.isTTY === true, printable(label), this.words);
  }
}

const REDRAW_MS = 100;
/** \r and "erase line": one line redrawn in place, never a scroll of updates. */
const ERASE_LINE = '\r\x1b[2K';

export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly enabled: boolean,
    private readonly label: string,
    private readonly words: CliWords,
  ) {}

  update(done: number, total: number | undefined): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < REDRAW_MS && done !== total) return;
    this.lastDraw = now;
    const seconds = (now - this.started) / 1000;
    const { say, formats } = this.words;
    const rate = seconds > 0.5 ? formats.bytes(done / seconds) : undefined;
    const known = total !== undefined && total > 0;
    const values = { done: formats.bytes(done), total: formats.bytes(total ?? 0), percent: known ? Math.floor((done / total) * 100) : 0, rate: rate ?? '' };
    const amount = known ? say(rate ? 'cli:progress.ofTotalAtRate' : 'cli:progress.ofTotal', values) : rate ? say('cli:progress.doneAtRate', values) : values.done;
    this.stream.write(`${ERASE_LINE}${this.label}  ${amount}`);
    this.drawn = true;
  }

  end(): void {
    if (this.drawn) this.stream.write(ERASE_LINE);
    this.drawn = false;
  }
}
