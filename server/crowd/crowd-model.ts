/**
 * The constants of the crowd model. docs/crowd-model.md explains each one and why; change them there first.
 */
export const CROWD_MODEL = {
  /** Spam and legit evidence halves every 90 days (PhoneBlock uses 125 days; numbers get recycled faster here). */
  halfLifeDays: 90,
  /** Reports older than this are ignored outright (weight 2^-4 ≈ 0.06 by then). */
  windowDays: 365,
  /** Independent reporters that must agree before a number is listed: one or two people never list a number. */
  minIndependentReporters: 3,
  /**
   * ...and their reports must fall within this many days of one another. Source addresses are grouped under a salt
   * that lasts this long (network-hash.ts), so one network can never be three of them: docs/crowd-model.md rule 3.
   */
  listingSpanDays: 7,
  /** Net decayed weight (spam − legit) needed to list: three fresh reporters today give 3.0. */
  listThreshold: 2.5,
  /** How much one independent `legit` vote counts against one spam report of the same age and weight. */
  legitFactor: 1,
  /**
   * A reporter weighs 1 until this many numbers they flagged were listed by others too, then 2: one step, so a
   * day of reports reweighs only the reporters crossing it (docs/crowd-model.md rule 6).
   */
  baseReporterWeight: 1,
  maxReporterWeight: 2,
  corroborationsForFullWeight: 10,
  /** Comments are public only once this many independent reporters agree (PhoneBlock #248: privacy). */
  minReportersForComments: 3,
  /** At most this many comments in an answer, newest first. */
  maxComments: 20,
} as const;

export const DAY_MS = 86_400_000;

/** Days since 1970-01-01 UTC. */
export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/**
 * Standing comes with corroborated history (numbers that others also reported until listed), in one step: a
 * reporter is established from `corroborationsForFullWeight` such numbers on. A graduated weight (0.1 more per
 * number) moved most reporters' weight every day, and every number they ever flagged had to be weighed again.
 * The same rule in SQL: incremental.ts `weightSql` (migration 6 too).
 */
export function reporterWeight(corroborated: number): number {
  const { baseReporterWeight, maxReporterWeight, corroborationsForFullWeight } = CROWD_MODEL;
  return corroborated >= corroborationsForFullWeight ? maxReporterWeight : baseReporterWeight;
}
