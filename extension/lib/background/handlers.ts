/** The background's answers to messages from content scripts, the popup and the options page. */
import { browser } from 'wxt/browser';
import { classify, classifyNormalized } from '../../../shared/classify/classify.ts';
import { findPhoneNumbers } from '../../../shared/number/find-in-text.ts';
import { normalize } from '../../../shared/number/normalize.ts';
import { parsePersonalCsv, parsePersonalPattern, personalToCsv } from '../../../shared/personal/personal-lists.ts';
import type { VerdictViewContext } from '../../../shared/present/verdict-view.ts';
import { addHistory, lastReportOf } from '../../../shared/store/history-store.ts';
import { loadListMeta } from '../../../shared/store/list-store.ts';
import { getOutboxRecord, listOutbox } from '../../../shared/store/outbox-store.ts';
import { deletePersonal, listPersonal, putPersonal } from '../../../shared/store/personal-store.ts';
import { checkSettingsPatch, saveSettings } from '../../../shared/store/settings-store.ts';
import { listAge } from '../../../shared/sync/list-age.ts';
import { loadSyncState } from '../../../shared/sync/list-sync.ts';
import { flushOutbox, queueReport } from '../../../shared/sync/outbox.ts';
import { lookupRange } from '../../../shared/sync/range-lookup.ts';
import type { Verdict } from '../../../shared/verdict.ts';
import type {
  BackgroundRequest,
  BadgeVerdict,
  ExtensionSettings,
  HelloAnswer,
  LookupAnswer,
  OnlineDetail,
  PendingQuery,
  ReportAnswer,
  Status,
} from '../messages.ts';
import { syncAllSitesScript } from './site-access.ts';
import { runSync, scheduleOutboxRetry, scheduleSync } from './sync-jobs.ts';
import { setDangerCount } from './toolbar-count.ts';
import { classifyContext, forgetPersonal, forgetSettings, personalLists, settings, vigieDb } from './vigie-state.ts';

/** A batch bigger than this is cut: a page cannot make the background work without bound. */
const MAX_BATCH = 10_000;

type Sender = { tab?: { id?: number } };

export async function handleMessage(message: BackgroundRequest, sender: Sender): Promise<unknown> {
  switch (message.type) {
    case 'hello': {
      const s = await settings();
      const answer: HelloAnswer = {
        enabled: !s.disabledSites.includes(message.host),
        lang: s.language,
        region: s.region,
      };
      return answer;
    }
    case 'classify': {
      // Badges need three fields; the full verdict (reasons, operator) is ~8× larger and only the card uses it.
      const full = await classifyBatch(message.numbers);
      const verdicts: Record<string, BadgeVerdict> = {};
      for (const [n, v] of Object.entries(full)) verdicts[n] = { number: v.number, level: v.level, label: v.label };
      return { verdicts };
    }
    case 'details': {
      const verdict = (await classifyBatch([message.number]))[message.number] ?? null;
      return { verdict: verdict ? { ...verdict, view: await viewContext(verdict.number) } : null };
    }
    case 'page-summary':
      if (sender.tab?.id !== undefined) await setDangerCount(sender.tab.id, message.dangerous);
      return { ok: true };
    case 'lookup':
      return lookup(message.input);
    case 'report':
      return report(message.draft);
    case 'personal-add': {
      const s = await settings();
      const pattern = parsePersonalPattern(message.number, s.region);
      if (!pattern.ok) return { ok: false, error: { message: pattern.message, messageEn: pattern.messageEn } };
      await putPersonal(await vigieDb(), {
        pattern: pattern.pattern,
        kind: message.kind,
        createdAt: Date.now(),
        ...(message.label ? { label: message.label } : {}),
        ...(message.expiresAt ? { expiresAt: message.expiresAt } : {}),
      });
      await personalChanged();
      return { ok: true, pattern: pattern.pattern };
    }
    case 'personal-remove':
      await deletePersonal(await vigieDb(), message.pattern, message.kind);
      await personalChanged();
      return { ok: true };
    case 'personal-list':
      return { entries: await listPersonal(await vigieDb()) };
    case 'personal-import': {
      const s = await settings();
      const parsed = parsePersonalCsv(message.csv, Date.now(), s.region);
      const db = await vigieDb();
      for (const entry of parsed.entries) await putPersonal(db, entry);
      await personalChanged();
      return { imported: parsed.entries.length, errors: parsed.errors };
    }
    case 'personal-export':
      return { csv: personalToCsv(await listPersonal(await vigieDb())) };
    case 'settings-get':
      return toExtensionSettings(await settings());
    case 'settings-save':
      return saveExtensionSettings(message.patch);
    case 'site-pause': {
      const s = await settings();
      const sites = new Set(s.disabledSites);
      if (message.paused) sites.add(message.host);
      else sites.delete(message.host);
      return saveExtensionSettings({ disabledSites: [...sites].sort() });
    }
    case 'status':
      return status();
    case 'sync-now':
      return runSync();
    case 'take-pending-query': {
      const key = 'pendingQuery';
      const stored = (await browser.storage.session.get(key))[key] as PendingQuery | undefined;
      if (stored) await browser.storage.session.remove(key);
      return stored ?? null;
    }
  }
}

export async function classifyBatch(numbers: readonly string[]): Promise<Record<string, Verdict>> {
  const context = await classifyContext();
  const out: Record<string, Verdict> = {};
  for (const n of numbers.slice(0, MAX_BATCH)) {
    if (typeof n !== 'string') continue;
    const parsed = normalize(n, context.region);
    // Content scripts find numbers with the cheap "possible length" check; ranges the numbering plan does not
    // allocate are dropped here (no badge), with the full check done once per number.
    if (!parsed.ok || (!parsed.value.isShort && !parsed.value.allocated)) continue;
    out[n] = classifyNormalized(parsed.value, n, context);
  }
  return out;
}

async function lookup(input: string): Promise<LookupAnswer> {
  const context = await classifyContext();
  let r = classify(input, context);
  if (!r.ok) {
    // "Paste anything": a number inside a sentence or an SMS ("Tél. : 01 62…").
    const inside = findPhoneNumbers(input.slice(0, 2000), context.region, { allowUnallocated: true })[0];
    if (inside) r = classify(inside.number, context);
  }
  if (!r.ok) return { ok: false, error: r.error };
  const s = await settings();
  const db = await vigieDb();
  await addHistory(db, { kind: 'lookup', time: Date.now(), number: r.verdict.number, level: r.verdict.level });
  let online: OnlineDetail | null = null;
  // The private range look-up sends only 5 hex characters of SHA-256(E.164) (k-anonymity), and only if enabled.
  if (s.rangeLookups && s.serverUrl && r.verdict.number.startsWith('+')) {
    const found = await lookupRange(s.serverUrl, r.verdict.number, { timeoutMs: 8000 });
    if (found.status === 'found') {
      online = {
        reports: found.entry.reports,
        legitVotes: found.entry.legitVotes,
        comments: found.entry.comments.map((c) => ({ text: c.text, at: c.at })),
      };
    }
  }
  return { ok: true, verdict: r.verdict, online, view: await viewContext(r.verdict.number) };
}

/** What the card and the popup say beside a verdict: demo data, and when this user reported the number. */
async function viewContext(number: string): Promise<VerdictViewContext> {
  const db = await vigieDb();
  const [meta, reportedAt] = await Promise.all([loadListMeta(db), lastReportOf(db, number)]);
  return { demo: meta?.demo === true, reportedAt };
}

async function report(draft: {
  number: string;
  category: Verdict['category'];
  comment?: string;
  company?: string;
  calledAt?: string;
}): Promise<ReportAnswer> {
  const s = await settings();
  const n = normalize(draft.number, s.region);
  if (!n.ok) return { ok: false, sent: false, error: { message: n.error.message, messageEn: n.error.messageEn } };
  if (!draft.category) {
    return { ok: false, sent: false, error: { message: 'Choisissez une catégorie.', messageEn: 'Choose a category.' } };
  }
  const db = await vigieDb();
  const queued = await queueReport(db, {
    number: n.value.number,
    region: s.region,
    category: draft.category,
    ...(draft.comment ? { comment: draft.comment } : {}),
    ...(draft.company ? { company: draft.company } : {}),
    ...(draft.calledAt ? { calledAt: draft.calledAt } : {}),
  });
  if (!queued.ok)
    return { ok: false, sent: false, error: { message: queued.error.message, messageEn: queued.error.message } };
  if (!s.serverUrl) return { ok: true, sent: false };
  const flushed = await flushOutbox({ serverUrl: s.serverUrl, db });
  await scheduleOutboxRetry(flushed.nextAttemptAt);
  const still = await getOutboxRecord(db, queued.record.id);
  if (still?.state === 'rejected') {
    const message = still.lastError?.message ?? 'refusé';
    return { ok: false, sent: false, error: { message, messageEn: message } };
  }
  return { ok: true, sent: still === undefined };
}

function toExtensionSettings(s: Awaited<ReturnType<typeof settings>>): ExtensionSettings {
  return {
    language: s.language,
    region: s.region,
    serverUrl: s.serverUrl,
    publicKey: s.publicKey,
    rangeLookups: s.rangeLookups,
    annotateAllSites: s.annotateAllSites,
    disabledSites: s.disabledSites,
    strictCallCentres: s.strictCallCentres,
    myNumbers: s.myNumbers,
  };
}

async function saveExtensionSettings(
  patch: Partial<ExtensionSettings>,
): Promise<{ ok: true; settings: ExtensionSettings } | { ok: false; error: string }> {
  try {
    checkSettingsPatch(patch);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const saved = await saveSettings(await vigieDb(), patch);
  forgetSettings();
  await syncAllSitesScript(saved.annotateAllSites);
  if ('serverUrl' in patch || 'publicKey' in patch) await scheduleSync(true);
  await broadcast({ type: 'refresh', lang: saved.language });
  // What is in effect (the built-in service when none is saved), as settings-get answers: not the raw record.
  return { ok: true, settings: toExtensionSettings(await settings()) };
}

async function personalChanged(): Promise<void> {
  forgetPersonal();
  await personalLists();
  await broadcast({ type: 'refresh' });
}

/** Tell every tab's content scripts to ask again (lists or language changed). Tabs without one just refuse. */
export async function broadcast(message: { type: 'refresh'; lang?: string }): Promise<void> {
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map((tab) => (tab.id === undefined ? null : browser.tabs.sendMessage(tab.id, message).catch(() => null))),
  );
}

async function status(): Promise<Status> {
  const db = await vigieDb();
  const [meta, sync, outbox, s] = await Promise.all([loadListMeta(db), loadSyncState(db), listOutbox(db), settings()]);
  return {
    listVersion: meta?.version ?? 0,
    listCount: meta?.count ?? null,
    lastSyncAt: sync?.lastSuccessAt ?? null,
    lastSyncResult: sync?.result.status ?? null,
    listAgeDays: listAge(meta, sync, Date.now())?.days ?? null,
    serverUrl: s.serverUrl,
    outboxPending: outbox.filter((r) => r.state === 'pending').length,
    demo: meta?.demo === true,
  };
}
