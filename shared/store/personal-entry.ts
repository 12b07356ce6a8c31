/**
 * The personal-list entry as the store keeps it. The lead's `shared/personal/personal-lists.ts` owns the type;
 * this structural copy lets the store compile before that file lands, and stays assignable both ways.
 * TODO(store): re-export from ../personal/personal-lists.ts once it exists.
 */
export interface PersonalEntry {
  /** E.164, or an E.164 prefix followed by `*`. */
  pattern: string;
  kind: 'allow' | 'block';
  label?: string;
  createdAt: number;
  /** ms epoch; a temporary allow. */
  expiresAt?: number;
}
