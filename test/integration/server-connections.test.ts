/**
 * Slow and greedy clients (issue 12, defect 9) against the real service: request heads sent half-way, bodies
 * trickled byte by byte, and one address opening more connections than it may. The timeouts are shortened here
 * (1 s and 2 s) so the file runs fast; the defaults (10 s, 30 s, 64) are checked as values.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONNECTION_LIMITS, httpServerOptions } from '../../server/http/connection-guard.ts';
import { startTestService, type TestService } from './server-harness.ts';

const started: TestService[] = [];

afterAll(async () => {
  for (const t of started) await t.cleanup();
}, 60_000);

async function service(options: Parameters<typeof startTestService>[0]): Promise<TestService> {
  const t = await startTestService(options);
  started.push(t);
  return t;
}

interface Client {
  socket: Socket;
  closed: boolean;
  received: string;
}

/** Opens a TCP connection to the service and resolves once it is connected. */
function open(t: TestService): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: t.service.port });
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

describe('defaults', () => {
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
});

describe('timeouts', () => {
  it('closes 300 connections whose request head never ends', async () => {
    const t = await service({ connections: { headersTimeoutMs: 1000, requestTimeoutMs: 2000, maxPerAddress: null } });
    const clients = await Promise.all(Array.from({ length: 300 }, () => open(t)));
    for (const c of clients) c.socket.write('POST /api/v1/reports HTTP/1.1\r\nHost: vigie\r\nX-Slow: ');
    await sleep(400);
    expect(clients.filter((c) => c.closed)).toHaveLength(0);
    // 1 s allowed, checked every second: all gone well before 5 s (Node's defaults kept them 60–90 s).
    await waitFor('300 half-sent heads closed', () => clients.every((c) => c.closed), 5000);
    expect((await fetch(`${t.base}/healthz`)).status).toBe(200);
  }, 30_000);

  it('answers 408 to a request whose body trickles in past the request timeout', async () => {
    const t = await service({ connections: { headersTimeoutMs: 1000, requestTimeoutMs: 2000, maxPerAddress: null } });
    const client = await open(t);
    client.socket.write(
      'POST /api/v1/reports HTTP/1.1\r\nHost: vigie\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n',
    );
    const started = Date.now();
    while (!client.closed && Date.now() - started < 8000) {
      client.socket.write(' ');
      await sleep(200);
    }
    expect(client.closed).toBe(true);
    expect(client.received).toMatch(/^HTTP\/1\.1 408/);
  }, 30_000);
});

describe('connections per address', () => {
  it('keeps 64 connections from one address and closes the 65th and later at once', async () => {
    const t = await service({ connections: { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 } });
    const clients: Client[] = [];
    for (let i = 0; i < 70; i++) clients.push(await open(t));
    await waitFor('6 connections over the cap closed', () => clients.filter((c) => c.closed).length === 6, 5000);
    await sleep(300);
    expect(clients.slice(0, 64).every((c) => !c.closed)).toBe(true);
    expect(clients.slice(64).every((c) => c.closed)).toBe(true);
    // One leaves: the address may open one more, and no more.
    clients[0]?.socket.destroy();
    await waitFor('first connection closed', () => clients[0]?.closed === true, 5000);
    await sleep(100);
    const next = await open(t);
    const refused = await open(t);
    await waitFor('the connection over the cap closed', () => refused.closed, 5000);
    expect(next.closed).toBe(false);
    for (const c of [...clients, next]) c.socket.destroy();
    await waitFor('all test connections closed', () => [...clients, next].every((c) => c.closed), 5000);
    expect((await fetch(`${t.base}/healthz`)).status).toBe(200);
  }, 30_000);

  it('has no cap behind a trusted proxy: every connection comes from the proxy', async () => {
    const t = await service({ trustProxy: true });
    const clients: Client[] = [];
    for (let i = 0; i < 70; i++) clients.push(await open(t));
    await sleep(500);
    expect(clients.filter((c) => c.closed)).toHaveLength(0);
    for (const c of clients) c.socket.destroy();
  }, 30_000);
});
