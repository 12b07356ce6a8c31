/**
 * `classify(input, context) → Verdict`: the one entry point every front end and the CLI use.
 * Order of authority (DESIGN.md §3): protected public services, then the user's allow list, then the block
 * list, built-in rules and the crowd list combined by severity; operator facts only inform.
 */
import { CATEGORY_LABELS, LEVEL_LABELS, LEVEL_SEVERITY } from '../i18n/labels.ts';
import type { CrowdList } from '../list/types.ts';
import { type NormalizedNumber, normalize } from '../number/normalize.ts';
import { OperatorLookup } from '../operators/operator-lookup.ts';
import type { PersonalLists } from '../personal/personal-lists.ts';
import { protectedService } from '../rules/protected.ts';
import { NUMBER_RULES } from '../rules/registry.ts';
import type { Bilingual, Category, InputError, Level, Reason, Verdict } from '../verdict.ts';
import { crowdReason } from './crowd-reason.ts';
import { callCentreReason, operatorReason } from './operator-reason.ts';

export interface ClassifyContext {
  region?: string;
  list?: CrowdList | null;
  personal?: PersonalLists | null;
  /** The ARCEP operator table; omitted → no operator facts (the CLI and apps pass `ARCEP_OPERATORS`). */
  operators?: OperatorLookup | null;
  /** ms since epoch, for temporary allows. */
  now?: number;
  /**
   * Numbers in blocks of call-centre operators read as `spam` instead of `caution` (settings
   * `strictCallCentres`, CLI `--strict`): Saracroche's behaviour, for users who want it.
   */
  strictCallCentres?: boolean;
  /** The user's own numbers, E.164 (settings `myNumbers`): never flagged by a crowd range or a call-centre block. */
  myNumbers?: readonly string[];
}

export type ClassifyResult = { ok: true; verdict: Verdict } | { ok: false; input: string; error: InputError };

export function classify(input: string, context: ClassifyContext = {}): ClassifyResult {
  const normalized = normalize(input, context.region ?? 'FR');
  if (!normalized.ok) return { ok: false, input: String(input), error: normalized.error };
  return { ok: true, verdict: classifyNormalized(normalized.value, input, context) };
}

interface Finding {
  level: Level;
  category: Category | null;
  reason: Reason;
}

export function classifyNormalized(n: NormalizedNumber, input: string, context: ClassifyContext = {}): Verdict {
  const region = context.region ?? 'FR';
  const operator = context.operators?.find(n) ?? null;
  const callCentre = operator !== null && context.operators?.isCallCentre(operator.code) === true;
  // The call-centre finding names the holder itself: no second block-holder line then.
  const facts: Reason[] = operator && !callCentre ? [operatorReason(operator)] : [];
  const verdict = (level: Level, category: Category | null, reasons: Reason[], crowd?: CrowdFacts): Verdict => ({
    input,
    number: n.number,
    country: n.country,
    type: n.type,
    level,
    category,
    reasons: [...reasons, ...facts],
    reports: crowd?.reports ?? 0,
    lastReportedAt: crowd?.lastReportedAt ?? null,
    operator,
    label: labelFor(level, category),
  });

  const service = protectedService(n.number);
  if (service) {
    return verdict('trusted', null, [
      {
        id: 'protected:public-service',
        kind: 'protected',
        source: 'service-public.fr (numéros d’urgence et services publics)',
        text: `${service.fr} : numéro de service public, jamais signalé par Vigie.`,
        textEn: `${service.en}: a public-service number, never flagged by Vigie.`,
      },
    ]);
  }

  const personal = context.personal?.match(n.number, context.now ?? Date.now()) ?? null;
  if (personal?.kind === 'allow') {
    return verdict('trusted', null, [
      {
        id: 'personal:allow',
        kind: 'personal',
        source: 'liste d’autorisation / allow list',
        text: personal.expiresAt
          ? `Vous avez autorisé ce numéro jusqu’au ${new Date(personal.expiresAt).toLocaleString('fr-FR')}.`
          : 'Vous avez autorisé ce numéro.',
        textEn: personal.expiresAt
          ? `You allowed this number until ${new Date(personal.expiresAt).toLocaleString('en-GB')}.`
          : 'You allowed this number.',
      },
    ]);
  }

  const findings: Finding[] = [];
  if (personal?.kind === 'block') {
    findings.push({
      level: 'spam',
      category: null,
      reason: {
        id: 'personal:block',
        kind: 'personal',
        source: 'liste de blocage / block list',
        text: personal.pattern.endsWith('*')
          ? 'Vous bloquez les numéros de ce préfixe.'
          : 'Vous avez bloqué ce numéro.',
        textEn: personal.pattern.endsWith('*') ? 'You block numbers with this prefix.' : 'You blocked this number.',
      },
    });
  }
  for (const rule of NUMBER_RULES) {
    if (!rule.applies(n, { region })) continue;
    findings.push({
      level: rule.level,
      category: rule.category,
      reason: { id: rule.id, kind: 'rule', source: rule.source, text: rule.text.fr, textEn: rule.text.en },
    });
  }
  // The user's own line: neighbours' reports and the block's holder say nothing about it (PhoneBlock#193).
  const mine = context.myNumbers?.includes(n.number) === true;
  let spared = false;
  if (callCentre && operator && mine) spared = true;
  else if (callCentre && operator) {
    findings.push({
      level: context.strictCallCentres ? 'spam' : 'caution',
      category: 'telemarketing',
      reason: callCentreReason(operator, OperatorLookup.nationalForm(n) ?? n.national),
    });
  }
  let crowd: CrowdFacts | undefined;
  const match = n.isShort ? null : (context.list?.match(n.number) ?? null);
  if (match?.kind === 'range' && mine) spared = true;
  else if (match && context.list) {
    const fromCrowd = crowdReason(match, context.list.version);
    crowd = { reports: match.reports, lastReportedAt: fromCrowd.lastReportedAt };
    findings.push({ level: fromCrowd.level, category: match.category, reason: fromCrowd.reason });
  }

  if (spared) {
    findings.push({
      level: 'unknown',
      category: null,
      reason: {
        id: 'personal:my-number',
        kind: 'personal',
        source: 'vos réglages (mes numéros) / your settings (my numbers)',
        text: 'C’est votre numéro : ni les signalements de numéros voisins ni l’opérateur de sa tranche ne le signalent.',
        textEn: 'This is your number: neither reports on neighbouring numbers nor its block’s operator flag it.',
      },
    });
  }

  // The worst finding sets level and category; a finding without a category leaves it to the next one.
  const sorted = [...findings].sort((a, b) => LEVEL_SEVERITY[b.level] - LEVEL_SEVERITY[a.level]);
  const level = sorted[0]?.level ?? 'unknown';
  const category =
    level === 'unknown' ? null : (sorted.find((f) => f.category !== null && f.category !== 'legit')?.category ?? null);
  return verdict(
    level,
    category,
    sorted.map((f) => f.reason),
    crowd,
  );
}

interface CrowdFacts {
  reports: number;
  lastReportedAt: string | null;
}

const LABELS = new Map<string, Bilingual>();

/** Labels are few (levels × categories): made once and shared by every verdict. */
function labelFor(level: Level, category: Category | null): Bilingual {
  const key = `${level}/${category}`;
  let label = LABELS.get(key);
  if (!label) {
    const base = LEVEL_LABELS[level];
    const cat = category ? CATEGORY_LABELS[category] : null;
    label = cat ? { fr: `${base.fr} — ${cat.fr}`, en: `${base.en} — ${cat.en}` } : base;
    LABELS.set(key, label);
  }
  return label;
}
