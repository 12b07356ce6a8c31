/**
 * The shell's handle on the lazy look-up engine (lookup/engine.ts and libphonenumber's metadata). The list
 * bytes start loading from IndexedDB at the same time as the chunk, so the first verdict waits for the slower
 * of the two, not their sum.
 */

import { loadList } from '../../../shared/store/list-store.ts';
import { on } from '../app/events.ts';
import { db } from '../data/db.ts';
import type { LookupEngine } from './engine.ts';

let engine: Promise<LookupEngine> | null = null;

// Subscribed at load, not when the engine is made: a sync that lands while the chunk is still downloading
// must not leave the engine on the list bytes read before it.
on('list-changed', () => {
  void engine?.then((created) => created.invalidateList());
});

export function getEngine(): Promise<LookupEngine> {
  if (engine) return engine;
  const listBytes = db()
    .then(loadList)
    .finally(() => performance.mark('vigie:list-read'));
  listBytes.catch(() => undefined); // the engine reports a failure; avoid an unhandled rejection meanwhile
  const chunk = import('./engine.ts').finally(() => performance.mark('vigie:engine-chunk'));
  engine = Promise.all([chunk, db()]).then(([module, database]) => {
    const created = new module.LookupEngine(database, listBytes);
    created.warm();
    return created;
  });
  return engine;
}

/** Load the engine once the first frame is on screen (no look-up pending: don't compete with the paint). */
export function preloadEngineAfterPaint(): void {
  requestAnimationFrame(() => setTimeout(() => void getEngine().catch(() => undefined), 0));
}
