/**
 * Starts the real crowd service for an integration test file: PGlite in a temporary folder, or — when
 * `VIGIE_TEST_DATABASE_URL` is set — a PostgreSQL server, in a schema of its own that is dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningService, type ServiceOptions, startService } from '../../server/service.ts';
import { dropStorage } from '../bench/drop-storage.ts';

export const POSTGRES_URL = process.env.VIGIE_TEST_DATABASE_URL || undefined;
export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestService {
  service: RunningService;
  base: string;
  dataDir: string;
  /** The PostgreSQL schema, when on PostgreSQL. */
  schema: string | undefined;
  /** Stops the service, keeping the data (to restart on the same folder/schema). */
  stop(): Promise<void>;
  /** Starts again on the same data with other options. */
  restart(options?: Partial<ServiceOptions>): Promise<void>;
  /** Stops and deletes the data (folder and schema). */
  cleanup(): Promise<void>;
}

/** Where one test keeps its data: a temporary folder, and a schema of its own when on PostgreSQL. */
export function newTestStorage(prefix = 'vigie-server-'): { dataDir: string; schema: string | undefined } {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const schema = POSTGRES_URL ? `vigie_test_${randomBytes(6).toString('hex')}` : undefined;
  return { dataDir, schema };
}

/** Deletes what `newTestStorage` made: the schema (when on PostgreSQL) and the folder. */
export function dropTestStorage(dataDir: string, schema: string | undefined): Promise<void> {
  return dropStorage(POSTGRES_URL, schema, dataDir);
}

export async function startTestService(options: Partial<ServiceOptions> = {}): Promise<TestService> {
  const { dataDir, schema } = newTestStorage();
  const base: ServiceOptions = {
    dataDir,
    // '' (not undefined) so a DATABASE_URL in the environment never redirects the PGlite run.
    databaseUrl: POSTGRES_URL ?? '',
    schema,
    port: 0,
    host: '127.0.0.1',
    publishIntervalSeconds: 0,
    adminToken: ADMIN_TOKEN,
    pwaDir: null,
    ...options,
  };
  let service: RunningService | null = await startService(base);
  // Tests read the list right after start: wait for the start-up publication (the service itself does not).
  await service.firstPublication;
  const handle: TestService = {
    service,
    base: service.url,
    dataDir,
    schema,
    async stop() {
      await service?.close();
      service = null;
    },
    async restart(more = {}) {
      await service?.close();
      service = await startService({ ...base, ...more });
      await service.firstPublication;
      handle.service = service;
      handle.base = service.url;
    },
    async cleanup() {
      await service?.close();
      service = null;
      await dropTestStorage(dataDir, schema);
    },
  };
  return handle;
}

/** A reporter id as a device makes it: 32 random base64url characters. */
export function newReporter(): string {
  return randomBytes(24).toString('base64url');
}

export interface PostOptions {
  /** Sent as X-Forwarded-For (the test services trust the proxy header). */
  from?: string;
}

export async function postReport(base: string, body: unknown, options: PostOptions = {}): Promise<Response> {
  return fetch(`${base}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.from ? { 'x-forwarded-for': options.from } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function report(number: string, reporter: string, extra: Record<string, unknown> = {}) {
  return { id: crypto.randomUUID(), reporter, number, category: 'telemarketing', ...extra };
}

let addressCounter = 0;
/** A distinct address for each call: reports from different people come from different networks. */
export function nextAddress(): string {
  addressCounter++;
  return `198.51.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
}

export async function getJson<T = unknown>(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
}

export function adminHeaders(token = ADMIN_TOKEN): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}
