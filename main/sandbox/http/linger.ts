// Answering before the request body is read (a refusal at the headers or at an early field): a server that then
// closes on the unread body makes the client's kernel reset the connection, and the answer can be lost with it.
// So the sandbox reads and discards the rest, and closes once the client stops sending or after a short linger.
import type { RequestContext } from './context.js';

export const LINGER_MS = 2_000;

/** Headers for an answer sent while the body is still coming: the connection will not be reused. */
export function earlyAnswerHeaders(ctx: RequestContext): Record<string, string> {
  return ctx.req.complete ? {} : { Connection: 'close' };
}

/** Call after sending the answer. Drains what the client still sends, then closes the connection. */
export function lingerClose(ctx: RequestContext, lingerMs = LINGER_MS): void {
  if (ctx.req.complete) return;
  const socket = ctx.req.socket;
  // Node's server closes a `Connection: close` socket as soon as the answer is written (destroySoon), the body still
  // coming: the client's kernel then gets a reset and a client still writing may lose the answer unread. Only
  // half-close (the answer is complete), and close after the linger or when the client goes.
  socket.destroySoon = () => socket.end();
  ctx.body.unpipe();
  if (ctx.body !== ctx.req) ctx.body.resume();
  ctx.req.resume();
  const timer = setTimeout(() => socket.destroy(), lingerMs);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}
