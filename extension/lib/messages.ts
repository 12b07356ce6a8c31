/**
 * Messages between the content scripts, the popup, the options page and the background. One `classify`
 * message per batch of new numbers, never one per node (issue 4).
 */
import type { PersonalEntry } from '../../shared/personal/personal-lists.ts';
import type { VerdictViewContext } from '../../shared/present/verdict-view.ts';
import type { Category, InputError, Verdict } from '../../shared/verdict.ts';

export type Lang = 'fr' | 'en';

export interface ReportDraft {
  number: string;
  category: Category;
  comment?: string;
  company?: string;
  /** ISO 8601. */
  calledAt?: string;
}

/** What a badge needs; the card asks for the full Verdict (`details`) when it opens. */
export type BadgeVerdict = Pick<Verdict, 'number' | 'level' | 'label'>;

export interface PageNumber {
  number: string;
  level: Verdict['level'];
  label: Verdict['label'];
  count: number;
}

export interface Status {
  listVersion: number;
  listCount: number | null;
  lastSyncAt: number | null;
  lastSyncResult: string | null;
  /** Whole days since a valid manifest last vouched for the list (shared/sync/list-age.ts); null: no list. */
  listAgeDays: number | null;
  serverUrl: string;
  outboxPending: number;
  /** The list in use was published as demo data (`vigie serve --demo`). */
  demo: boolean;
}

export interface ExtensionSettings {
  language: Lang;
  region: string;
  serverUrl: string;
  publicKey: string;
  rangeLookups: boolean;
  annotateAllSites: boolean;
  disabledSites: string[];
  /** Call-centre operators' blocks read as spam (settings-store.ts). */
  strictCallCentres: boolean;
  /** The user's own numbers, E.164. */
  myNumbers: string[];
}

/** Requests handled by the background. */
export type BackgroundRequest =
  | { type: 'hello'; host: string }
  | { type: 'classify'; numbers: string[] }
  | { type: 'details'; number: string }
  | { type: 'page-summary'; dangerous: number }
  | { type: 'lookup'; input: string }
  | { type: 'report'; draft: ReportDraft }
  | { type: 'personal-add'; number: string; kind: PersonalEntry['kind']; label?: string; expiresAt?: number }
  | { type: 'personal-remove'; pattern: string; kind: PersonalEntry['kind'] }
  | { type: 'personal-list' }
  | { type: 'personal-import'; csv: string }
  | { type: 'personal-export' }
  | { type: 'settings-get' }
  | { type: 'settings-save'; patch: Partial<ExtensionSettings> }
  | { type: 'site-pause'; host: string; paused: boolean }
  | { type: 'status' }
  | { type: 'sync-now' }
  | { type: 'take-pending-query' };

export interface HelloAnswer {
  enabled: boolean;
  lang: Lang;
  region: string;
}

/** A full verdict for the card, with what the device knows beside it (demo list, the user's own report). */
export type DetailedVerdict = Verdict & { view?: VerdictViewContext };

export type LookupAnswer =
  | { ok: true; verdict: Verdict; online: OnlineDetail | null; view: VerdictViewContext }
  | { ok: false; error: InputError };

/** What the k-anonymity range look-up adds (only when the user enabled it). */
export interface OnlineDetail {
  reports: number;
  legitVotes: number;
  comments: { text: string; at: string }[];
}

export interface ReportAnswer {
  ok: boolean;
  /** True when it reached the service now; false when queued for later. */
  sent: boolean;
  error?: { message: string; messageEn: string };
}

/** Requests handled by a content script (from the background or the popup). */
export type ContentRequest = { type: 'refresh' } | { type: 'page-numbers' } | { type: 'pause'; paused: boolean };

/** Pending context-menu query handed to the popup through session storage (never through a URL). */
export interface PendingQuery {
  input: string;
  mode: 'check' | 'report';
}
