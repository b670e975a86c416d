// What one request through the transport is (transport.ts): its options, the answer it resolves with, and the
// defaults for its timeouts and for the size of an API answer read whole.
import type http from 'node:http';
import type { Readable } from 'node:stream';
import type { PiecedBody } from './file-body.js';
import type { ProxyAuthorization } from './proxy-auth.js';
import type { ProxyRoute } from './proxy-route.js';

export const DEFAULT_TIMEOUT_MS = 30_000;
/** After a streamed body is sent, the server may store or transcode it before answering: its own, longer wait. */
export const DEFAULT_ANSWER_TIMEOUT_MS = 5 * 60_000;
/** API answers (JSON, XML) are small; anything larger is refused rather than buffered. */
export const DEFAULT_BODY_CAP = 4 * 1024 * 1024;
/** How long a request with `Expect: 100-continue` waits for the server's 100 before sending its body anyway. */
export const DEFAULT_CONTINUE_TIMEOUT_MS = 1_500;

export interface TlsOptions {
  /** Extra PEM certificate(s) trusted for this account only (a self-signed server). */
  ca?: string;
}

export interface HttpRequest {
  method: string;
  url: URL;
  /**
   * The URL as logs and messages may show it, when the URL itself may carry a secret (a template's shape with its
   * secrets masked). Without it they show the URL's origin and path; the real URL is never logged when it is given.
   */
  displayUrl?: string;
  headers?: Record<string, string>;
  /**
   * A buffer; pieces and file ranges (the fast way to send a file); or a stream whose exact length is given in
   * bodyLength. Never chunked.
   */
  body?: Buffer | PiecedBody | Readable;
  bodyLength?: number;
  signal?: AbortSignal;
  /** Idle timeout: no byte moved for this long fails the request. */
  timeoutMs?: number;
  /** With a streamed body: how long the server may take to answer once the whole body is sent. */
  answerTimeoutMs?: number;
  /** With a streamed body: called once the whole body is sent and the answer is awaited. */
  onBodySent?: () => void;
  /** The request carries a credential (in a header, the URL or the body). */
  carriesSecret?: boolean;
  /** The account allows secrets over plain http to a non-loopback host. */
  allowInsecure?: boolean;
  tls?: TlsOptions;
  /**
   * Connect only to a public address: a name that resolves to this machine or a private network is refused when
   * connecting (internal-address.ts). For URLs a server chose (a redirect). Through a proxy, the proxy resolves the
   * name and this cannot be checked.
   */
  publicOnly?: boolean;
  /** Called as body bytes are handed to the socket. */
  onUploadProgress?: (bytesSent: number) => void;
  /**
   * With a streamed body and `expect: 100-continue`: how long to wait for the server's 100 (or its early answer, such
   * as a 401) before sending the body anyway, for servers that ignore Expect.
   */
  continueTimeoutMs?: number;
  /** Through a proxy: how long connecting to it may take before the route's next entry is tried (DEFAULT_PROXY_CONNECT_TIMEOUT_MS). */
  proxyConnectTimeoutMs?: number;
  /** Said beside the request in the activity log (how it was authenticated). Never a secret. */
  note?: string;
  /** Filled in as the request goes along its route (the proxy test says what happened). */
  trace?: RouteTrace;
}

/** Which entry of its route a request took, the proxies passed over before it, and what went to the proxy. */
export interface RouteTrace {
  /** The entry tried last: the one that carried the request, or whose failure is the request's. */
  route?: ProxyRoute;
  passedOver: Array<{ proxy: string; code: string }>;
  /** What the last entry's proxy was sent (the Settings' credentials, when it asked or had asked before). */
  authorization?: ProxyAuthorization;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  url: URL;
  /** The server's host as messages may name it (from the display URL when the request had one). */
  host: string;
  /** The answer's body; an answer that came while the request body was still being sent is already read in full. */
  body: Readable;
  /** The request's signal: reading the body after it fired is a cancellation, not a network error. */
  signal?: AbortSignal;
}
