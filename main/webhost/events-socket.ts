// The events channel of the browser host: contract events pushed to the page over a WebSocket. The page never sends
// on it, so anything it receives is a protocol error: the connection is closed, and no frame, reset or malformed
// upgrade can raise an error the process does not catch.
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { EVENT_NAMES } from '../common/contract.js';
import type { EventBus } from '../app/events.js';
import { refuseSocket } from './limits.js';

/** Close and ping frames carry at most 125 bytes; nothing larger has a reason to arrive. */
const MAX_INCOMING_FRAME = 1024;

export interface EventSocketOptions {
  /** The app's events; while it starts, an admitted upgrade waits for them (and is refused with 503 if it fails). */
  events: EventBus | Promise<EventBus>;
  /** Null lets the upgrade in; otherwise the HTTP status to refuse it with. */
  admit(req: http.IncomingMessage): number | null;
}

export interface EventSocket {
  close(): void;
}

export function attachEventSocket(server: http.Server, options: EventSocketOptions): EventSocket {
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, clientTracking: false, maxPayload: MAX_INCOMING_FRAME, perMessageDeflate: false });
  const bus = Promise.resolve(options.events);
  let closed = false;
  let unsubscribe = (): void => undefined;

  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    // Node hands the raw socket over without its own error listener; a reset would otherwise end the process.
    socket.on('error', () => socket.destroy());
    try {
      const refused = options.admit(req);
      if (refused !== null) {
        refuseSocket(socket, refused);
        return;
      }
      void bus.then(
        () => upgrade(req, socket, head),
        () => refuseSocket(socket, 503),
      );
    } catch {
      refuseSocket(socket, 400);
    }
  };
  const upgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (closed) return refuseSocket(socket, 503);
    try {
      wss.handleUpgrade(req, socket, head, (ws) => {
        sockets.add(ws);
        ws.on('error', () => ws.terminate());
        ws.on('close', () => sockets.delete(ws));
        ws.on('message', () => ws.close(1003, 'read-only channel'));
      });
    } catch {
      refuseSocket(socket, 400);
    }
  };
  server.on('upgrade', onUpgrade);

  void bus.then(
    (events) => {
      if (closed) return;
      const off = events.subscribe((event, payload) => {
        if (!EVENT_NAMES.includes(event)) return;
        const frame = JSON.stringify({ event, payload });
        for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
      });
      unsubscribe = () => void off();
    },
    () => undefined,
  );

  return {
    close() {
      closed = true;
      unsubscribe();
      server.off('upgrade', onUpgrade);
      for (const ws of sockets) ws.terminate();
      wss.close();
    },
  };
}
