// A tiny media library client for the tests: raw HTTP with the sandbox's demo identities.
import type { Sandbox } from '../../../../main/sandbox/index.js';
import { basicAuth, httpRequest, type HttpResult } from '../helpers.js';

export type Who = 'demo' | 'other';

export interface LibraryCall {
  as?: Who;
  /** Which application to call through ('demo', 'other', or any other name): the caller's own by default. */
  app?: string;
  headers?: Record<string, string>;
  json?: unknown;
  body?: Buffer | string;
}

export function libraryClient(sandbox: Sandbox) {
  const accounts = sandbox.accounts.library;
  const identity = (who: Who) =>
    who === 'demo' ? { userId: accounts.userId, password: accounts.password, appId: accounts.appId } : accounts.otherUser;
  const appId = (app: string): string => (app === 'demo' ? accounts.appId : app === 'other' ? accounts.otherUser.appId : app);
  const root = `${accounts.serverUrl}/rest/1.0/media`;
  return {
    root,
    domain: accounts.domain,
    call(method: string, path: string, options: LibraryCall = {}): Promise<HttpResult> {
      const me = identity(options.as ?? 'demo');
      const headers: Record<string, string> = {
        Authorization: basicAuth(me.userId, me.password),
        [accounts.applicationIdHeader]: appId(options.app ?? (options.as ?? 'demo')),
        ...options.headers,
      };
      let body = options.body;
      if (options.json !== undefined) {
        body = JSON.stringify(options.json);
        headers['Content-Type'] ??= 'application/json';
      }
      return httpRequest(`${root}${path}`, { method, headers, body });
    },
  };
}

export type LibraryClient = ReturnType<typeof libraryClient>;

export interface Entry {
  id: string;
  createdBy: string;
  createdWith: string;
  createdOn: string;
  readUsers: string[];
  readApps: string[];
  writeUsers: string[];
  writeApps: string[];
  size?: number;
  dest?: string;
  startTime?: string;
}

export function entries(res: HttpResult): Entry[] {
  return (res.json() as { entry: Entry[] }).entry;
}
