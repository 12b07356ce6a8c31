/**
 * The few HTTP helpers sync, outbox and range look-ups share. A network failure is a value, not an exception
 * (the callers turn it into an "offline" status and keep what they have); only the caller's own abort throws.
 */

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type HttpFailure =
  | { ok: false; kind: 'network'; message: string }
  | { ok: false; kind: 'http'; status: number; message: string; retryAfterMs?: number; code?: string };

/** Default time allowed for one request: long enough for a multi-megabyte snapshot on a slow phone link. */
export const REQUEST_TIMEOUT_MS = 60_000;

/** Throw the caller's abort reason if it aborted; used between every step of a long job (STYLE.md §4). */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('aborted', 'AbortError');
}

/** The caller's signal plus a per-request timeout; a timeout counts as a network failure, not an abort. */
function requestSignal(signal: AbortSignal | undefined, timeoutMs: number): AbortSignal | undefined {
  if (!Number.isFinite(timeoutMs) || typeof AbortSignal.timeout !== 'function') return signal;
  const timeout = AbortSignal.timeout(timeoutMs);
  if (!signal) return timeout;
  return typeof AbortSignal.any === 'function' ? AbortSignal.any([signal, timeout]) : signal;
}

/** `Retry-After` as seconds or an HTTP date (RFC 9110 §10.2.3), in ms from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The server's `{error:{code,message}}`, when the body is one. */
async function readApiError(response: Response): Promise<{ code?: string; message?: string }> {
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object' && 'error' in body) {
      const error = (body as { error: unknown }).error;
      if (error && typeof error === 'object') {
        const { code, message } = error as { code?: unknown; message?: unknown };
        return {
          ...(typeof code === 'string' ? { code } : {}),
          ...(typeof message === 'string' ? { message } : {}),
        };
      }
    }
  } catch {
    // Not JSON: the status line says enough.
  }
  return {};
}

export interface RequestOptions {
  fetch: FetchLike;
  signal?: AbortSignal | undefined;
  timeoutMs?: number;
  init?: RequestInit;
  now?: number;
}

/** One request; 2xx gives the Response, anything else a typed failure. */
export async function request(
  url: string,
  options: RequestOptions,
): Promise<{ ok: true; response: Response } | HttpFailure> {
  throwIfAborted(options.signal);
  let response: Response;
  try {
    const signal = requestSignal(options.signal, options.timeoutMs ?? REQUEST_TIMEOUT_MS);
    response = await options.fetch(url, { ...options.init, ...(signal ? { signal } : {}) });
  } catch (error) {
    throwIfAborted(options.signal);
    return { ok: false, kind: 'network', message: error instanceof Error ? error.message : String(error) };
  }
  if (response.ok) return { ok: true, response };
  const { code, message } = await readApiError(response);
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), options.now ?? Date.now());
  return {
    ok: false,
    kind: 'http',
    status: response.status,
    message: message ?? `HTTP ${response.status}`,
    ...(code ? { code } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}

/** GET the body as bytes; a body cut short by the network is a network failure. */
export async function getBytes(
  url: string,
  options: RequestOptions,
): Promise<{ ok: true; bytes: Uint8Array } | HttpFailure> {
  const answer = await request(url, options);
  if (!answer.ok) return answer;
  try {
    return { ok: true, bytes: new Uint8Array(await answer.response.arrayBuffer()) };
  } catch (error) {
    throwIfAborted(options.signal);
    return { ok: false, kind: 'network', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Join a base URL and an API path (`''` base: same origin). */
export function apiUrl(serverUrl: string, path: string): string {
  return `${serverUrl.replace(/\/+$/, '')}${path}`;
}
