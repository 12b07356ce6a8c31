/**
 * SignalConso (DGCCRF): which "démarchage abusif" case matches the diary, and the text to paste.
 * Case keys from the site's open-source repository `betagouv/signalconso-website` (research/french-rules.md §4.2).
 * The deep link preselects the case through repeated `subcategories` parameters; it is derived from the site's
 * code, not from documentation. No parameter pre-fills the number, so the user copies it.
 */
import type { Bilingual } from '../../verdict.ts';
import { displayCallerNumber } from '../caller-id-ranges.ts';
import { describeClock, shortDateFr } from '../describe-call.ts';
import { localParts } from '../zoned-time.ts';
import { type CompanyCase, callOfRow } from './company-case.ts';

export const SIGNALCONSO_HOME = 'https://signal.conso.gouv.fr';
const FLOW = `${SIGNALCONSO_HOME}/fr/demarchage-abusif/faire-un-signalement`;
const PARENT = 'Probleme_de_demarchage_telephonique';

interface CaseDef {
  id: string;
  rules: string[];
  /** null when the research did not record the key: the link then stops at the telemarketing question. */
  subcategory: string | null;
  title: Bilingual;
}

const CASES: CaseDef[] = [
  {
    id: 'hours',
    rules: ['outside-hours'],
    subcategory: 'Jai_recu_un_appel_commercial_pendant_la_semaine_en_dehors_des_heures_autorisees',
    title: {
      fr: 'Appel en semaine en dehors des heures autorisées',
      en: 'Weekday call outside the allowed hours',
    },
  },
  {
    id: 'weekend-holiday',
    rules: ['weekend', 'public-holiday'],
    subcategory: 'Jai_recu_un_appel_commercial_pendant_un_weekend_ou_un_jour_ferie',
    title: { fr: 'Appel un week-end ou un jour férié', en: 'Call on a weekend or public holiday' },
  },
  {
    id: 'five-in-30-days',
    rules: ['over-4-in-30-days'],
    subcategory: 'Jai_recu_au_moins_5_appels_de_la_meme_entreprise_sur_les_30_derniers_jours',
    title: {
      fr: 'Au moins 5 appels de la même entreprise en 30 jours',
      en: 'At least 5 calls from the same company in 30 days',
    },
  },
  {
    id: 'after-refusal',
    rules: ['within-60-days-of-refusal'],
    subcategory: 'Jai_recu_un_appel_dune_entreprise_a_qui_javais_demande_de_ne_pas_etre_demarche_moins_de_60_jours_apr',
    title: {
      fr: 'Appel moins de 60 jours après un refus',
      en: 'Call less than 60 days after a refusal',
    },
  },
  {
    id: 'mobile-number',
    rules: ['mobile-caller-id'],
    subcategory: null,
    title: {
      fr: 'Appel d’un professionnel avec un numéro 06/07 (choisissez ce cas sur le site)',
      en: 'Business call from a 06/07 number (pick this case on the site)',
    },
  },
];

export interface SignalConsoCase {
  id: string;
  title: Bilingual;
  subcategory: string | null;
  url: string;
  /** Dates (dd/mm/yyyy) of the calls concerned, oldest first; the 5-calls case asks for five. */
  dates: string[];
  /** Caller numbers concerned, national format. */
  numbers: string[];
  /** The description to paste (French: it goes to the DGCCRF), and its English translation. */
  text: Bilingual;
}

export function signalConsoUrl(subcategory: string | null): string {
  const base = `${FLOW}?subcategories=${PARENT}`;
  return subcategory ? `${base}&subcategories=${encodeURIComponent(subcategory)}` : base;
}

export function signalConsoCases(c: CompanyCase): SignalConsoCase[] {
  const out: SignalConsoCase[] = [];
  const who = c.company || 'une entreprise non identifiée';
  const whoEn = c.company || 'an unidentified company';
  for (const def of CASES) {
    const hits = c.findings.filter((f) => def.rules.includes(f.rule));
    if (hits.length === 0) continue;
    let rows = [...new Set(hits.map((f) => f.row))];
    // For 5 calls in 30 days, the evidence is the window of the first finding: that call and the 4 before it.
    if (def.id === 'five-in-30-days') {
      const first = callOfRow(c, hits[0]!.row)!;
      rows = [...c.calls]
        .filter((x) => x.time <= first.time)
        .sort((a, b) => a.time - b.time)
        .slice(-5)
        .map((x) => x.row);
    }
    const calls = rows
      .map((r) => callOfRow(c, r))
      .filter((x) => x !== undefined)
      .sort((a, b) => a.time - b.time);
    const lines = calls.map((x) => {
      const p = localParts(x.time, c.timeZone);
      const num = x.masked ? 'numéro masqué' : displayCallerNumber(x.number) || 'numéro inconnu';
      return {
        fr: `- ${shortDateFr(p)} à ${describeClock(p)} depuis le ${num}`,
        en: `- ${shortDateFr(p)} at ${describeClock(p)} from ${x.masked ? 'a hidden number' : displayCallerNumber(x.number) || 'an unknown number'}`,
      };
    });
    const reasons = hits.map((f) => f.text);
    const reasonsEn = hits.map((f) => f.textEn);
    out.push({
      id: def.id,
      title: def.title,
      subcategory: def.subcategory,
      url: signalConsoUrl(def.subcategory),
      dates: calls.map((x) => shortDateFr(localParts(x.time, c.timeZone))),
      numbers: [...new Set(calls.filter((x) => !x.masked && x.number).map((x) => displayCallerNumber(x.number)))],
      text: {
        fr: [
          `Démarchage téléphonique par ${who}. Appels concernés (heure locale) :`,
          ...lines.map((l) => l.fr),
          '',
          'Règles enfreintes :',
          ...[...new Set(reasons)].map((r) => `- ${r}`),
          '',
          `Source : ${hits[0]!.source}.`,
        ].join('\n'),
        en: [
          `Telephone sales calls by ${whoEn}. Calls concerned (local time):`,
          ...lines.map((l) => l.en),
          '',
          'Rules broken:',
          ...[...new Set(reasonsEn)].map((r) => `- ${r}`),
          '',
          `Source: ${hits[0]!.source}.`,
        ].join('\n'),
      },
    });
  }
  return out;
}
