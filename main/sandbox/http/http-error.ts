// An error a request handler throws to end its request with a given HTTP status. Each protocol's router turns it
// into that protocol's own error body (generic: XML/JSON `message`; library: `{"message"}`; Twilio: code/status).

export class HttpError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** The protocol's own error code where it has one (Twilio's 20404…). */
  readonly protocolCode: number | undefined;

  constructor(status: number, message: string, options: { headers?: Record<string, string>; protocolCode?: number } = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.headers = options.headers ?? {};
    this.protocolCode = options.protocolCode;
  }
}

export function isHttpError(value: unknown): value is HttpError {
  return value instanceof HttpError;
}
