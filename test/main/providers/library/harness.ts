// Shared set-up for the library client's tests: a fake server, a client pointed at it, a temp dir, all removed
// after each test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { AppError, type ErrorCode } from '../../../../main/common/errors.js';
import { LibraryClient } from '../../../../main/providers/library/client.js';
import type { LibraryLimits } from '../../../../main/providers/library/http.js';
import { startFakeRibbit, type FakeRibbit } from './fake-ribbit-server.js';

export interface Harness {
  fake: FakeRibbit;
  client: LibraryClient;
  tmp: string;
  clientWith(limits: LibraryLimits, overrides?: Record<string, unknown>): LibraryClient;
}

export function connectionFor(fake: FakeRibbit): Record<string, unknown> {
  return { serverUrl: fake.serverUrl, domain: fake.domain, userId: fake.account.userId, appId: fake.account.appId, password: fake.account.password };
}

/** Registers before/after hooks and returns a live view of the current test's harness. */
export function useHarness(): Harness {
  const h = {} as Harness;
  beforeEach(async () => {
    h.fake = await startFakeRibbit();
    h.tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'library-client-'));
    h.clientWith = (limits, overrides = {}) => new LibraryClient({ ...connectionFor(h.fake), ...overrides }, limits);
    h.client = h.clientWith({});
  });
  afterEach(async () => {
    await h.fake.close();
    await fs.promises.rm(h.tmp, { recursive: true, force: true });
  });
  return h;
}

/** Awaits a rejection and checks it is an AppError with this code (and message part); returns it for more checks. */
export async function expectAppError(promise: Promise<unknown>, code: ErrorCode, messagePart?: string | RegExp): Promise<AppError> {
  const err = await promise.then(
    () => expect.unreachable('expected the call to fail'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const appError = err as AppError;
  expect(appError.code, appError.message).toBe(code);
  if (messagePart !== undefined) expect(appError.message).toMatch(messagePart);
  return appError;
}

/** The names in a directory (to check that no temp file is left). */
export function listDir(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}
