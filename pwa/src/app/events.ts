/**
 * Page-wide notifications between parts that do not hold each other: a sync installed a new list, the outbox
 * changed (a report was queued, sent or refused, here or by the service worker's Background Sync).
 */
export type AppEvent = 'list-changed' | 'outbox-changed' | 'personal-changed';

const bus = new EventTarget();

export function emit(event: AppEvent): void {
  bus.dispatchEvent(new Event(event));
}

/** Subscribe; returns the unsubscribe function (for a `useEffect` cleanup). */
export function on(event: AppEvent, listener: () => void): () => void {
  bus.addEventListener(event, listener);
  return () => bus.removeEventListener(event, listener);
}
