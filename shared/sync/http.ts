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

export interface TooLarge {
  ok: false;
  kind: 'too-large';
  message: string;
}

/**
 * GET the body as bytes; a body cut short by the network is a network failure. With `maxBytes`, reading stops
 * as soon as the body (or its declared Content-Length) goes past it: a server or proxy answering a 64 MB body
 * for an 8 KB file costs at most one chunk more than the file (issue 12, defect 6).
 */
export async function getBytes(
  url: string,
  options: RequestOptions & { maxBytes?: number },
): Promise<{ ok: true; bytes: Uint8Array } | HttpFailure | TooLarge> {
  const answer = await request(url, options);
  if (!answer.ok) return answer;
  const { response } = answer;
  const max = options.maxBytes ?? Number.POSITIVE_INFINITY;
  const tooLarge = (got: string): TooLarge => ({
    ok: false,
    kind: 'too-large',
    message: `${got}, more than the ${max} expected`,
  });
  try {
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > max) {
      await response.body?.cancel().catch(() => {});
      return tooLarge(`Content-Length ${declared}`);
    }
    if (!Number.isFinite(max) || !response.body)
      return { ok: true, bytes: new Uint8Array(await response.arrayBuffer()) };
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > max) {
        await reader.cancel().catch(() => {});
        return tooLarge(`at least ${total} bytes`);
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return { ok: true, bytes };
  } catch (error) {
    throwIfAborted(options.signal);
    return { ok: false, kind: 'network', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Join a base URL and an API path (`''` base: same origin). */
export function apiUrl(serverUrl: string, path: string): string {
  return `${serverUrl.replace(/\/+$/, '')}${path}`;
}
