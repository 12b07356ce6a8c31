/**
 * Reports posted as a fleet of phones would send them: keep-alive connections, each report from its own address
 * (`x-forwarded-for`, the service trusting the proxy), answered with the HTTP status. Shared by the ingest benches.
 */
import { Agent, request } from 'node:http';

export interface ReportPoster {
  /** Resolves with the status code; rejects on a network error or when no answer comes within the bound. */
  post(body: string, from: string): Promise<number>;
  close(): void;
}

export function reportPoster(base: string, sockets: number, timeoutMs = 120_000): ReportPoster {
  const url = new URL(`${base}/api/v1/reports`);
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const post = (body: string, from: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-forwarded-for': from,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.setTimeout(timeoutMs, () =>
        req.destroy(new Error(`report: no answer within ${Math.round(timeoutMs / 1000)} s`)),
      );
      req.on('error', reject);
      req.end(body);
    });
  return { post, close: () => agent.destroy() };
}
