/** Thrown when a delta is corrupt or does not lead from the given list to its target (shared/list/delta.ts). */
export class DeltaError extends Error {
  override name = 'DeltaError';
}
