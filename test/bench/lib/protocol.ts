// The messages between the benchmark's orchestrator and its child processes (the server process and the workers).
import type { SandboxAccounts } from '../../../main/sandbox/index.js';

/** What the server process says once its servers listen. */
export interface ServerReady {
  type: 'ready';
  /** The sandbox: generic upload, media library and Twilio on one origin. */
  sandboxUrl: string;
  accounts: SandboxAccounts;
}

/** What the sink process says once it listens: a server that reads and discards every request body, answering
 * what the clients expect (no parsing, no disk). */
export interface SinkReady {
  type: 'ready';
  url: string;
}

export type ServerCommand =
  | { id: number; cmd: 'seedFiles'; folder: string; count: number }
  | { id: number; cmd: 'seedMedia'; count: number }
  /** Seeds a folder in another sandbox data dir (the browser host's embedded sandbox), with that sandbox stopped. */
  | { id: number; cmd: 'seedOtherDir'; dataDir: string; folder: string; count: number }
  /** What the server process has spent so far: its CPU time and its garbage collections (stats before and after a round). */
  | { id: number; cmd: 'stats' }
  | { id: number; cmd: 'close' };

export interface ServerStats {
  cpuMs: number;
  markCompacts: number;
  scavenges: number;
}

export type ServerReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** A worker's one answer. */
export type WorkerReply = { type: 'result'; ok: true; result: unknown } | { type: 'result'; ok: false; error: string };

/** Sent by a worker right before the measured part starts, so the parent can take its RSS baseline. */
export interface WorkerMark {
  type: 'mark';
  phase: 'start' | 'end';
}

/** The generic upload template of the sandbox's demo account, reduced to the upload itself (see README section). */
export interface GenericUploadSetup {
  settings: Record<string, string>;
  username: string;
  password: string;
  recipient: string;
  description: string;
}

export interface LibrarySetup {
  serverUrl: string;
  domain: string;
  userId: string;
  appId: string;
  password: string;
}

export interface TwilioSetup {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  messageSid: string;
}
