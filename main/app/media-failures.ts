// A preview that fails is written to the activity log for support, but a folder of 300 failing thumbnails is shown
// again and again, and a failing or hostile server can fail every preview: one line each would fill the rotating log
// and push out what the admin needs. So the first failure of a kind is written in full, and its repeats within a
// window are counted and written as one summary line. The log stays in English, for support (README, i18n).
import type { Readable } from 'node:stream';
import { finished } from 'node:stream';
import { sayable, toAppError, type AppError, type ErrorCode } from '../common/errors.js';
import { phrase, type Phrase } from '../common/i18n/phrase.js';
import type { MediaStreamSource, MediaSubject } from './media-streams.js';

/** The activity log, as a failed media is told to it (ActivityLog: its redactor runs over every line). */
export interface MediaFailureLog {
  warn(scope: string, message: string, accountId?: string): void;
  error(scope: string, message: string, accountId?: string): void;
}

/** Runs `run` once after `ms`; returns a cancel. The default never keeps the process alive for a summary. */
export type Schedule = (run: () => void, ms: number) => () => void;

const unrefTimer: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

export interface MediaFailureNotesOptions {
  /** How long repeats of a first failure are counted before their summary is written. */
  windowMs?: number;
  /** Kinds of failure counted at once; past it the oldest is summarised early, so no server can grow the map. */
  maxKinds?: number;
  now?: () => number;
  schedule?: Schedule;
}

/** When the preview failed: before its headers (the page got a 502) or while its body was being sent. */
type Phase = 'open' | 'body';

interface Counting {
  level: 'warn' | 'error';
  kind: MediaSubject['kind'];
  accountId: string;
  code: ErrorCode;
  phase: Phase;
  opened: number;
  last: number;
  repeats: number;
}

/**
 * The one place failed previews are counted. A kind of failure is its account, its media kind, its error code and its
 * phase; names, addresses and the error's words are not part of it (they vary with every file, and a summary must
 * not quote them). Internal errors are counted too: a server that hangs up its sockets raises them (an Error that is
 * no AppError) as fast as it raises refusals. The first line keeps the stack support needs; the cost is that a second,
 * different bug of the same account and kind within the window is only counted, not written in full.
 */
export class MediaFailureNotes {
  /** Insertion order is opening order, and every window is as long: the first entry always closes first. */
  private readonly counting = new Map<string, Counting>();
  private cancelTimer: (() => void) | undefined;
  private readonly windowMs: number;
  private readonly maxKinds: number;
  private readonly now: () => number;
  private readonly schedule: Schedule;

  constructor(
    private readonly log: MediaFailureLog,
    options: MediaFailureNotesOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 60_000;
    this.maxKinds = options.maxKinds ?? 256;
    this.now = options.now ?? Date.now;
    this.schedule = options.schedule ?? unrefTimer;
  }

  /** Kinds of failure being counted now (never more than maxKinds). */
  get size(): number {
    return this.counting.size;
  }

  /** Writes `line()` if this kind of failure is not being counted already; else counts it. */
  note(level: Counting['level'], subject: MediaSubject, code: ErrorCode, phase: Phase, line: () => string): void {
    const now = this.now();
    this.closeWindows(now);
    const key = JSON.stringify([subject.accountId, subject.kind, code, phase]);
    const counting = this.counting.get(key);
    if (counting) {
      counting.repeats++;
      counting.last = now;
      return;
    }
    const oldest = this.counting.keys().next();
    if (this.counting.size >= this.maxKinds && !oldest.done) this.close(oldest.value);
    this.counting.set(key, { level, kind: subject.kind, accountId: subject.accountId, code, phase, opened: now, last: now, repeats: 0 });
    this.log[level]('media', line(), subject.accountId);
    this.arm(now);
  }

  /** Writes every count so far (the app is closing): no repeat goes unsaid. */
  flush(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    for (const key of [...this.counting.keys()]) this.close(key);
  }

  private closeWindows(now: number): void {
    for (const [key, counting] of this.counting) {
      if (now < counting.opened + this.windowMs) return;
      this.close(key);
    }
  }

  private close(key: string): void {
    const counting = this.counting.get(key);
    this.counting.delete(key);
    if (!counting || counting.repeats === 0) return;
    const { level, kind, accountId, code, phase, repeats } = counting;
    const previews = `${repeats} more ${kind} preview${repeats === 1 ? '' : 's'}`;
    const how = phase === 'open' ? 'could not be opened' : 'broke off';
    const seconds = Math.round((counting.last - counting.opened) / 1000);
    this.log[level]('media', `${previews} ${how} the same way (${code}, account ${accountId}) within ${seconds} s of the first`, accountId);
  }

  /** One timer at a time, for the window that closes first. */
  private arm(now: number): void {
    if (this.cancelTimer) return;
    const first = this.counting.values().next();
    if (first.done) return;
    this.cancelTimer = this.schedule(
      () => {
        this.cancelTimer = undefined;
        const at = this.now();
        this.closeWindows(at);
        this.arm(at);
      },
      Math.max(0, first.value.opened + this.windowMs - now),
    );
  }
}

/** A server's own words are said as they are; anything else by its code's sentence, with the thrown text after it. */
function reason(err: unknown, appError: AppError): string {
  return `${appError.message}${err === appError ? '' : ` (${String(err)})`}`;
}

/**
 * A source that failed: its phrase inside the sentence, or a server's own words (an AppError without a phrase) as they
 * are. The sentence for an internal error says the activity log has the details, so it is written there first, here,
 * whichever host says it. An expected failure (not found, refused, network…) is said with its own reason and noted
 * as a warning, for support to match the user's words with the media; a cancelled one (the page moved on) is no one's
 * failure and is not noted.
 */
export function mediaFailed(err: unknown, source: MediaStreamSource, notes: MediaFailureNotes): Phrase {
  const appError = toAppError(err);
  const { subject } = source;
  const what = `The ${subject.kind} "${subject.name}" could not be opened for a preview`;
  if (appError.code === 'internal') notes.note('error', subject, 'internal', 'open', () => `${what}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  else if (appError.code !== 'cancelled') notes.note('warn', subject, appError.code, 'open', () => `${what} (${appError.code}): ${reason(err, appError)}`);
  return phrase('desktop:webhost.page.mediaFailed', { reason: sayable(appError) });
}

/**
 * Notes a preview whose body breaks after its headers went out: the page only sees a cut image, so the log is where
 * support learns why. A viewer that went away first (`viewerLeft`, asked when the body ends) is no failure; the
 * source breaking is a warning whatever threw: no sentence sent the reader to the log for it (the 200 was sent).
 */
export function watchMediaBody(body: Readable, source: MediaStreamSource, notes: MediaFailureNotes, viewerLeft: () => boolean): void {
  finished(body, (err) => {
    if (!err || viewerLeft()) return;
    const appError = toAppError(err);
    const { subject } = source;
    notes.note('warn', subject, appError.code, 'body', () => `The ${subject.kind} "${subject.name}" broke off during its preview (${appError.code}): ${reason(err, appError)}`);
  });
}
