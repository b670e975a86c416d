// What both hosts' tests check of a preview that failed: a real activity log (a temporary folder, the app's redactor
// knowing one account secret) and an error whose words carry secrets in the shapes a failure may quote them in.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { MediaFailureNotes, type Schedule } from '../../main/app/media-failures';
import type { MediaStreamSource, MediaSubject } from '../../main/app/media-streams';
import type { LogEntry } from '../../main/common/contract';
import { ActivityLog } from '../../main/core/log/activity-log';
import { createRedactor } from '../../main/core/log/redact';
import { TEST_MEDIA } from './buffer-media-source';

/** A saved password, known to the redactor as the vault's values are; said in the error without a shape to catch. */
const KNOWN_SECRET = 'k9-saved-account-secret';
/** Everything in the hostile error that must never reach the log, the known secret among them. */
export const SECRETS = ['tok_live_9f8e7d6c5b4a', 'QUN4eHg6c2VjcmV0cGFzc3dvcmQ=', KNOWN_SECRET] as const;

/** Not an AppError: what a library's bug or a socket's failure throws, quoting the request it was making. */
export function hostileError(): Error {
  return new Error(`socket hang up: GET https://api.example.test/Media/ME1?token=${SECRETS[0]} with Authorization: Basic ${SECRETS[1]} (password ${KNOWN_SECRET})`);
}

export interface TempLog {
  log: ActivityLog;
  /** The entries as written to the file support exports. */
  written(): Promise<LogEntry[]>;
  remove(): Promise<void>;
}

export async function tempLog(): Promise<TempLog> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-media-log-'));
  const log = new ActivityLog({ dataDir, redact: createRedactor(() => [KNOWN_SECRET]) });
  return {
    log,
    async written() {
      await log.flush();
      const text = await fs.readFile(log.file, 'utf8').catch(() => '');
      return text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as LogEntry);
    },
    async remove() {
      // Entries still being appended would write into the folder as it goes.
      await log.flush();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The time as the failure notes read it, and their timers, moved only by the test: no real waits. */
export interface ManualClock {
  now: () => number;
  schedule: Schedule;
  /** Moves the time on and runs the timers then due. */
  advance(ms: number): void;
  /** Moves the time on without running a timer: one that is late (a busy event loop). */
  late(ms: number): void;
  /** Timers waiting. */
  readonly waiting: number;
}

export function manualClock(): ManualClock {
  let time = 1_000_000;
  let timers: Array<{ at: number; run: () => void }> = [];
  return {
    now: () => time,
    schedule(run, ms) {
      const timer = { at: time + ms, run };
      timers.push(timer);
      return () => (timers = timers.filter((t) => t !== timer));
    },
    advance(ms) {
      time += ms;
      const due = timers.filter((t) => t.at <= time);
      timers = timers.filter((t) => t.at > time);
      for (const timer of due) timer.run();
    },
    late(ms) {
      time += ms;
    },
    get waiting() {
      return timers.length;
    },
  };
}

/** The notes both hosts write through, on the test's log and clock: a 60 s window, as the app's. */
export function notesOn(log: ActivityLog, clock: ManualClock, maxKinds?: number): MediaFailureNotes {
  return new MediaFailureNotes(log, { windowMs: WINDOW_MS, now: clock.now, schedule: clock.schedule, maxKinds });
}
export const WINDOW_MS = 60_000;

/** A source whose headers go out, then whose body breaks with `err` after its first bytes. */
export function breakingSource(err: Error, subject: MediaSubject = TEST_MEDIA): MediaStreamSource {
  return {
    subject,
    open: () => {
      const body = new Readable({ read() {} });
      body.push(Buffer.from('first bytes'));
      setTimeout(() => body.destroy(err), 20);
      return Promise.resolve({ status: 200, contentType: 'image/jpeg', body });
    },
  };
}

/** A source whose body sends its first bytes and then waits forever: only the viewer leaving ends it. */
export function endlessSource(): MediaStreamSource & { bodies: Readable[] } {
  const bodies: Readable[] = [];
  return {
    subject: TEST_MEDIA,
    bodies,
    open: () => {
      const body = new Readable({ read() {} });
      body.push(Buffer.from('first bytes'));
      bodies.push(body);
      return Promise.resolve({ status: 200, contentType: 'video/mp4', body });
    },
  };
}
