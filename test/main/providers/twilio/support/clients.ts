// Clients of the fake Twilio for tests: credentials matching the fake, and a sleep that records instead of waiting.
import { AppError } from '../../../../../main/common/errors.js';
import { createTwilioClient, type ClientOptions, type TwilioClient } from '../../../../../main/providers/twilio/index.js';
import { ACCOUNT_SID, API_KEY_SECRET, API_KEY_SID, AUTH_TOKEN } from './fake-data.js';

export interface RecordingSleep {
  waits: number[];
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export function recordingSleep(): RecordingSleep {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms, signal) => {
      waits.push(ms);
      if (signal?.aborted) throw new AppError('cancelled', 'Cancelled.');
    },
  };
}

// The fake plays the embedded sandbox, whose CDN is another loopback port: its accounts carry main's sandbox mark,
// without which a media redirect to loopback is refused (redirect-target.test.ts).
export function authTokenClient(baseUrl: string, options: ClientOptions = {}): TwilioClient {
  return createTwilioClient({ baseUrl, accountSid: ACCOUNT_SID, credential: { kind: 'authToken', authToken: AUTH_TOKEN }, sandbox: true }, options);
}

export function apiKeyClient(baseUrl: string, options: ClientOptions = {}): TwilioClient {
  return createTwilioClient(
    { baseUrl, accountSid: ACCOUNT_SID, credential: { kind: 'apiKey', apiKeySid: API_KEY_SID, apiKeySecret: API_KEY_SECRET }, sandbox: true },
    options,
  );
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
