import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from 'hono';
import { apiError } from '../http/api-error.ts';
import { filesDir, LIST_FILE_NAME } from './file-store.ts';

/** `GET /api/v1/list/files/{name}`: a snapshot or delta, cacheable forever (its name is its SHA-256). */
export async function serveListFile(c: Context, dataDir: string, name: string): Promise<Response> {
  if (!LIST_FILE_NAME.test(name))
    return apiError(c, 400, 'invalid_file_name', 'file names are <sha256 hex>.list or <sha256 hex>.delta');
  let bytes: Buffer;
  try {
    bytes = await readFile(join(filesDir(dataDir), name));
  } catch {
    return apiError(c, 404, 'not_found', 'no such list file');
  }
  return c.body(new Uint8Array(bytes), 200, {
    'Content-Type': 'application/octet-stream',
    'Cache-Control': 'public, max-age=31536000, immutable',
    ETag: `"${name.slice(0, 64)}"`,
  });
}
