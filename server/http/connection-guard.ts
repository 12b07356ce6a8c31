/**
 * Slow and greedy clients (issue 12, defect 9): 300 half-sent request heads once stayed open for 87 s, because
 * Node's defaults allow 60 s for a request head and 300 s for a request, and check them only every 30 s.
 * - A client has `headersTimeoutMs` to send its request head and `requestTimeoutMs` for the whole request, body
 *   included; Node then answers 408 and closes the connection.
 * - One address may hold at most `maxPerAddress` open connections; the next ones are closed at once. Behind a
 *   trusted reverse proxy every connection comes from the proxy, so there is no per-address cap: the proxy has
 *   to enforce its own (nginx `limit_conn`, HAProxy `maxconn`), which sees the real client addresses.
 */
import type { ServerOptions } from 'node:http';
import type { Server } from 'node:net';

export interface ConnectionLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** null: no cap (behind a trusted proxy). */
  maxPerAddress: number | null;
}

/**
 * A phone on a slow mobile link sends a 16 KB report in well under 10 s; 30 s covers a report body on the worst
 * link the PWA still works on. 64 connections is far beyond what a browser opens to one host (6 per host in
 * HTTP/1.1) and leaves room for an office behind one address.
 */
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxPerAddress: 64,
};

/** The limits a service runs with: the defaults, no per-address cap behind a trusted proxy, then `overrides`. */
export function connectionLimits(trustProxy: boolean, overrides: Partial<ConnectionLimits> = {}): ConnectionLimits {
  return { ...DEFAULT_CONNECTION_LIMITS, ...(trustProxy ? { maxPerAddress: null } : {}), ...overrides };
}

export function httpServerOptions(limits: ConnectionLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    // Node only looks for expired requests every `connectionsCheckingInterval` (30 s by default): check every
    // second, so a 10 s limit closes a slow client after 10–11 s.
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
  };
}

/** Closes a new connection at once when its address already holds `max` open ones. */
export function capConnectionsPerAddress(server: Server, max: number): void {
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = open.get(address) ?? 0;
    if (count >= max) {
      socket.destroy();
      return;
    }
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}
