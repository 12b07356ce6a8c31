/**
 * Publication time for a 1M-entry list (`publish.1m.ms`): the steady-state step of `server/publish/` — write the
 * new snapshot, a delta from the previous version (1% churn), name both by SHA-256, sign the manifest — with
 * entries already aggregated. Baseline: publishing the same list naively as one JSON file plus its SHA-256.
 * Data are generated from a fixed seed.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePublication } from '../../server/publish/publication-files.ts';
import { loadOrCreateSigningKey } from '../../server/publish/signing-key.ts';
import type { ListEntry } from '../../shared/list/types.ts';
import { CATEGORIES } from '../../shared/verdict.ts';
import type { Record } from './run.ts';
import { seededRandom } from './seeded-random.ts';

const COUNT = 1_000_000;
const CHURN = 0.01;

function entryFor(random: () => number): ListEntry {
  const mobile = random() < 0.5;
  const digits = String(Math.floor(random() * 100_000_000)).padStart(8, '0');
  return {
    pattern: `+33${mobile ? (random() < 0.5 ? '6' : '7') : String(1 + Math.floor(random() * 5))}${digits}`,
    payload: {
      category: CATEGORIES[Math.floor(random() * 4)] ?? 'telemarketing',
      score: 85 + Math.floor(random() * 4) * 40,
      reports: 3 + Math.floor(random() * 30),
      lastReportDay: 20_400 + Math.floor(random() * 30),
    },
  };
}

export default async function (record: Record): Promise<void> {
  const random = seededRandom(42);
  const byPattern = new Map<string, ListEntry>();
  while (byPattern.size < COUNT) {
    const e = entryFor(random);
    byPattern.set(e.pattern, e);
  }
  const v1 = [...byPattern.values()];
  // 1% churn: half removed, half new, plus payload changes on another 0.5%.
  const v2 = v1.slice();
  const changes = Math.floor(COUNT * CHURN);
  for (let i = 0; i < changes / 2; i++) {
    v2[Math.floor(random() * v2.length)] = entryFor(random);
    const j = Math.floor(random() * v2.length);
    const old = v2[j] as ListEntry;
    v2[j] = { pattern: old.pattern, payload: { ...old.payload, reports: old.payload.reports + 1 } };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-publish-bench-'));
  try {
    const key = loadOrCreateSigningKey(dataDir);
    const first = writePublication({
      dataDir,
      entries: v1,
      version: 1,
      demo: false,
      createdAt: new Date(0),
      previous: [],
      key,
    });
    const started = performance.now();
    const second = writePublication({
      dataDir,
      entries: v2,
      version: 2,
      demo: false,
      createdAt: new Date(0),
      previous: [{ version: 1, snapshotName: first.snapshot.name }],
      key,
    });
    const ours = performance.now() - started;

    const naiveStart = performance.now();
    const json = Buffer.from(JSON.stringify(v2));
    const sha = createHash('sha256').update(json).digest('hex');
    writeFileSync(join(dataDir, `${sha}.json`), json);
    const naive = performance.now() - naiveStart;

    record('publish.1m.ms', { value: ours, unit: 'ms', baseline: naive });
    record('publish.1m.snapshot_bytes', { value: second.snapshot.size, unit: 'bytes', baseline: json.byteLength });
    record('publish.1m.delta_bytes', { value: second.deltas[0]?.size ?? Number.NaN, unit: 'bytes' });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
