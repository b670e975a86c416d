// Who is calling the media library. Authentication is not in the Ribbit document (the real service signed its
// requests); PROTOCOLS.md's project choice is HTTP Basic with the user's id and password, plus the application id
// in a request header. The sandbox names that header X-Application-Id.
import type http from 'node:http';
import { parseBasicAuth, secretsEqual } from '../http/basic-auth.js';
import { HttpError } from '../http/http-error.js';

export const APPLICATION_ID_HEADER = 'X-Application-Id';

export interface LibraryDirectory {
  /** The one domain the sandbox's users belong to. */
  domain: string;
  /** user id -> password */
  users: ReadonlyMap<string, string>;
  applications: ReadonlySet<string>;
}

export interface LibraryCaller {
  user: string;
  app: string;
}

const CHALLENGE = { 'WWW-Authenticate': 'Basic realm="Media library", charset="UTF-8"' };

export function authenticateLibraryCaller(req: http.IncomingMessage, directory: LibraryDirectory): LibraryCaller {
  const credentials = parseBasicAuth(req);
  if (credentials === null) {
    throw new HttpError(401, 'Authentication required: HTTP Basic with your user id and password.', { headers: CHALLENGE });
  }
  const expected = directory.users.get(credentials.user);
  // Compare even for an unknown user, so timing does not tell which user ids exist.
  const passwordOk = secretsEqual(credentials.password, expected ?? '\u0000unknown-user');
  if (expected === undefined || !passwordOk) {
    throw new HttpError(401, 'Invalid user id or password.', { headers: CHALLENGE });
  }
  const appHeader = req.headers[APPLICATION_ID_HEADER.toLowerCase()];
  const app = Array.isArray(appHeader) ? appHeader[0] : appHeader;
  if (app === undefined || app === '') {
    throw new HttpError(401, `Missing ${APPLICATION_ID_HEADER} header: say which application is calling.`, { headers: CHALLENGE });
  }
  if (!directory.applications.has(app)) {
    throw new HttpError(401, `Unknown application id "${app.slice(0, 80)}".`, { headers: CHALLENGE });
  }
  return { user: credentials.user, app };
}
