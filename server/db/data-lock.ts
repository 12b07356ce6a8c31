import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite is one process's database: two processes opening the same folder would corrupt it. The data folder
 * holds `vigie.lock` with the owner's pid while a command uses it; a lock whose process is gone is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, 'vigie.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid))
        throw new Error(
          `le dossier de données ${dataDir} est utilisé par le processus ${pid} / the data folder is in use by process ${pid} (vigie serve running? use POST /api/v1/admin/publish, or stop it)`,
        );
      rmSync(path, { force: true });
    }
  }
  throw new Error(`cannot lock ${path}`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
