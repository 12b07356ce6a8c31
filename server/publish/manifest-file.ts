/**
 * `<data>/manifest.json`: a copy of the current signed manifest beside the list files, for serving the list
 * from a static host (docs/scaling.md). The database's `list_versions` is the truth; this file follows it.
 * A crash between the database commit and the rename used to leave the file one version behind for good
 * (issue 12, defect 2): `repairManifestFile` runs at start and at every publication and rewrites it when it
 * differs, and `removeStaleTemporaries` clears what a killed writer left.
 */
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesDir } from './file-store.ts';

export const MANIFEST_FILE = 'manifest.json';

/** Temporary names carry the writer's pid (`<name>.<pid>.tmp`), so a cleaner can tell a dead writer's leftovers. */
const TEMPORARY = /^(.+)\.(\d+)\.tmp$/;

export function temporaryName(path: string): string {
  return `${path}.${process.pid}.tmp`;
}

/** Writes the text to a temporary name then renames it: a reader sees the old file or the new, never half. */
export function writeFileAtomic(path: string, text: string | Uint8Array): void {
  const temporary = temporaryName(path);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** The manifest file's text, or null when there is none. */
export function readManifestFile(dataDir: string): string | null {
  try {
    return readFileSync(join(dataDir, MANIFEST_FILE), 'utf8');
  } catch {
    return null;
  }
}

/** Rewrites `<data>/manifest.json` when it is missing or differs from `json`; true when it wrote. */
export function repairManifestFile(dataDir: string, json: string): boolean {
  if (readManifestFile(dataDir) === json) return false;
  writeFileAtomic(join(dataDir, MANIFEST_FILE), json);
  return true;
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Deletes `*.tmp` files in the data folder and its `files/` whose writer is no longer running (a kill -9 in the
 * middle of a write). Another live process's temporaries are left alone: on PostgreSQL several processes may
 * share the folder. Returns how many were removed.
 */
export function removeStaleTemporaries(dataDir: string): number {
  let removed = 0;
  for (const dir of [dataDir, filesDir(dataDir)]) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const match = TEMPORARY.exec(name);
      if (!match || processAlive(Number(match[2]))) continue;
      rmSync(join(dir, name), { force: true });
      removed++;
    }
  }
  return removed;
}
