/**
 * Settings in tiers, as uBlock Origin Lite keeps them: the code's defaults, under what the user changed (only
 * the changed keys are stored, so a better default in a new release reaches everyone who never touched it),
 * under an optional session tier the caller holds in memory (a managed policy, a test). Every write is
 * validated: a bad value is refused with a message in French and English, never stored.
 */
import * as v from 'valibot';
import { MAX_MY_NUMBERS } from '../personal/my-numbers-limit.ts';
import type { VigieDb } from './db.ts';

export const SettingsSchema = v.strictObject({
  language: v.picklist(['fr', 'en'], 'langue : fr ou en / language: fr or en'),
  /** Region used to read national numbers (`06…` → +33). */
  region: v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, 'région : code ISO à 2 lettres / region: 2-letter ISO code')),
  /**
   * Base URL of the crowd service, without a trailing slash. Empty: the origin the app was served from
   * (the PWA served by `vigie serve`); the extension needs an explicit one.
   */
  serverUrl: v.union(
    [v.literal(''), v.pipe(v.string(), v.regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/), v.regex(/[^/]$/))],
    'serveur : une URL http(s) sans / final / server: an http(s) URL without a trailing /',
  ),
  /** The service's Ed25519 public key, base64 of the raw 32 bytes (printed by `vigie serve`). Empty: unset. */
  publicKey: v.union(
    [v.literal(''), v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]{43}=$/))],
    'clé publique : 32 octets en base64 / public key: 32 bytes in base64',
  ),
  /** Private online look-ups by hash prefix (DESIGN.md §4). Off by default: offline first, nothing leaves. */
  rangeLookups: v.boolean('rangeLookups : vrai ou faux / rangeLookups: true or false'),
  /** Extension: annotate numbers on every site, except those in `disabledSites`. */
  annotateAllSites: v.boolean('annotateAllSites : vrai ou faux / annotateAllSites: true or false'),
  disabledSites: v.array(
    v.pipe(v.string(), v.regex(/^[a-z0-9.-]+(:\d+)?$/)),
    'sites : des noms d’hôte / sites: host names',
  ),
  /**
   * Numbers in blocks of call-centre operators read as `spam` instead of `caution` (docs/rules.md,
   * `operator:call-centre`): Saracroche's behaviour, for users who want it. Off by default.
   */
  strictCallCentres: v.boolean('strictCallCentres : vrai ou faux / strictCallCentres: true or false'),
  /**
   * The user's own numbers, E.164 ("mon numéro"): a crowd range or a call-centre block never flags them
   * (PhoneBlock#193: "my own number is flagged").
   */
  myNumbers: v.pipe(
    v.array(
      v.pipe(v.string(), v.regex(/^\+[1-9]\d{5,14}$/)),
      'mes numéros : au format +33… / my numbers: in +33… form',
    ),
    v.maxLength(MAX_MY_NUMBERS, 'mes numéros : 10 au plus / my numbers: 10 at most'),
  ),
  /** Minutes between list syncs; the sync adds random jitter so installs don't all call at once. */
  syncIntervalMinutes: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(15, 'au moins 15 minutes / at least 15 minutes'),
    v.maxValue(10080, 'au plus une semaine / at most one week'),
  ),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  language: 'fr',
  region: 'FR',
  serverUrl: '',
  publicKey: '',
  rangeLookups: false,
  annotateAllSites: true,
  disabledSites: [],
  strictCallCentres: false,
  myNumbers: [],
  // The service publishes at most a few times a day; 6 h keeps lists fresh at little cost.
  syncIntervalMinutes: 360,
});

const SETTINGS_KEY = 'settings';
const REPORTER_KEY = 'reporterId';

export class SettingsError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
    this.name = 'SettingsError';
  }
}

/** Check a partial update; throws SettingsError naming the first bad key. */
export function checkSettingsPatch(patch: Partial<Settings>): Partial<Settings> {
  const result = v.safeParse(v.partial(SettingsSchema), patch);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const key = issue.path?.[0]?.key;
  throw new SettingsError(String(key ?? ''), `${key === undefined ? '' : `${String(key)}: `}${issue.message}`);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

async function loadStoredSettings(db: VigieDb): Promise<Partial<Settings>> {
  const stored = await db.get('meta', SETTINGS_KEY);
  if (!stored || typeof stored !== 'object') return {};
  // A value an older release accepted but this one does not falls back to the default instead of breaking.
  const clean: Partial<Settings> = {};
  for (const [key, value] of Object.entries(stored)) {
    const one = v.safeParse(v.partial(SettingsSchema), { [key]: value });
    if (one.success) Object.assign(clean, one.output);
  }
  return clean;
}

/** Defaults ← stored user choices ← session overrides. */
export async function loadSettings(db: VigieDb, session: Partial<Settings> = {}): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await loadStoredSettings(db)), ...session };
}

/** Store a validated change; keys set back to their default are forgotten (see the header). */
export async function saveSettings(db: VigieDb, patch: Partial<Settings>): Promise<Settings> {
  const clean = checkSettingsPatch(patch);
  const tx = db.transaction('meta', 'readwrite');
  const stored = ((await tx.store.get(SETTINGS_KEY)) ?? {}) as Record<string, unknown>;
  const next: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(clean)) {
    if (sameValue(value, DEFAULT_SETTINGS[key as keyof Settings])) delete next[key];
    else next[key] = value;
  }
  await tx.store.put(next, SETTINGS_KEY);
  await tx.done;
  return loadSettings(db);
}

export async function resetSettings(db: VigieDb): Promise<void> {
  await db.delete('meta', SETTINGS_KEY);
}

/**
 * A new reporter id: 32 base64url characters (192 random bits; the API accepts 22–64). Made on the device,
 * tied to no account.
 */
export function makeReporterId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_');
}

/** The install's reporter id, made once and then kept (one transaction: two callers get the same id). */
export async function getReporterId(db: VigieDb): Promise<string> {
  const tx = db.transaction('meta', 'readwrite');
  const existing = await tx.store.get(REPORTER_KEY);
  if (typeof existing === 'string') {
    await tx.done;
    return existing;
  }
  const id = makeReporterId();
  await tx.store.put(id, REPORTER_KEY);
  await tx.done;
  return id;
}
