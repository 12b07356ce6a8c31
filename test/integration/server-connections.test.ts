/**
 * Slow and greedy clients (issue 12, defect 9) against the real service: request heads sent half-way, bodies
 * trickled byte by byte, and one address opening more connections than it may. One service runs with the
 * timeouts shortened to 1 s and 2 s so the file runs fast, one with the defaults (10 s, 30 s, 64 per address).
 * Loopback has a whole /8, so connections from 127.0.0.2–127.0.0.6 are five addresses.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionLimits, DEFAULT_CONNECTION_LIMITS, httpServerOptions } from '../../server/http/connection-guard.ts';
import { startTestService, type TestService } from './server-harness.ts';

let fast: TestService;
let standard: TestService;

beforeAll(async () => {
  fast = await startTestService({ connections: { headersTimeoutMs: 1000, requestTimeoutMs: 2000 } });
  standard = await startTestService();
}, 180_000);

afterAll(async () => {
  await fast?.cleanup();
  await standard?.cleanup();
}, 60_000);

interface Client {
  socket: Socket;
  closed: boolean;
  received: string;
}

/** Opens a TCP connection to the service from `from` and resolves once it is connected. */
function open(t: TestService, from = '127.0.0.1'): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: t.service.port, localAddress: from });
    const client: Client = { socket, closed: false, received: '' };
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      client.received += d;
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      client.closed = true;
    });
    socket.once('connect', () => resolve(client));
    socket.once('error', reject);
  });
}

async function waitFor(step: string, condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${step}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('limits', () => {
  it('are 10 s for a request head, 30 s for a request, 64 connections per address, checked every second', () => {
    expect(DEFAULT_CONNECTION_LIMITS).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      maxPerAddress: 64,
    });
    expect(httpServerOptions(DEFAULT_CONNECTION_LIMITS)).toEqual({
      headersTimeout: 10_000,
      requestTimeout: 30_000,
      connectionsCheckingInterval: 1000,
    });
  });

  it('have no per-address cap behind a trusted proxy, where every connection comes from the proxy', () => {
    expect(connectionLimits(true).maxPerAddress).toBeNull();
    expect(connectionLimits(false).maxPerAddress).toBe(64);
    expect(connectionLimits(true, { maxPerAddress: 10 }).maxPerAddress).toBe(10);
  });
});

describe('timeouts', () => {
  it('closes 300 connections whose request head never ends', async () => {
    const clients = await Promise.all(Array.from({ length: 300 }, (_, i) => open(fast, `127.0.0.${2 + (i % 5)}`)));
    for (const c of clients) c.socket.write('POST /api/v1/reports HTTP/1.1\r\nHost: vigie\r\nX-Slow: ');
    // 1 s allowed, checked every second: all gone within seconds (Node's defaults kept them 60–90 s).
    await waitFor('300 half-sent heads closed', () => clients.every((c) => c.closed), 8000);
    expect((await fetch(`${fast.base}/healthz`)).status).toBe(200);
  }, 60_000);

  it('answers 408 to a request whose body trickles in past the request timeout', async () => {
    const client = await open(fast);
    client.socket.write(
      'POST /api/v1/reports HTTP/1.1\r\nHost: vigie\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n',
    );
    const started = Date.now();
    while (!client.closed && Date.now() - started < 10_000) {
      client.socket.write(' ');
      await sleep(200);
    }
    expect(client.closed).toBe(true);
    expect(client.received).toMatch(/^HTTP\/1\.1 408/);
  }, 60_000);
});

describe('connections per address', () => {
  it('keeps 64 connections from one address and closes the 65th and later at once', async () => {
    const clients: Client[] = [];
    for (let i = 0; i < 70; i++) clients.push(await open(standard));
    await waitFor('6 connections over the cap closed', () => clients.filter((c) => c.closed).length === 6, 5000);
    await sleep(300);
    expect(clients.slice(0, 64).every((c) => !c.closed)).toBe(true);
    expect(clients.slice(64).every((c) => c.closed)).toBe(true);
    // Another address is not affected.
    const other = await open(standard, '127.0.0.2');
    // One leaves: the address may open one more, and no more.
    clients[0]?.socket.destroy();
    await waitFor('first connection closed', () => clients[0]?.closed === true, 5000);
    await sleep(100);
    const next = await open(standard);
    const refused = await open(standard);
    await waitFor('the connection over the cap closed', () => refused.closed, 5000);
    expect(next.closed).toBe(false);
    expect(other.closed).toBe(false);
    for (const c of [...clients, next, other]) c.socket.destroy();
    await waitFor('all test connections closed', () => [...clients, next, other].every((c) => c.closed), 5000);
    expect((await fetch(`${standard.base}/healthz`)).status).toBe(200);
  }, 60_000);
});
