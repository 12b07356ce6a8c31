/**
 * Bloctel complaint fields, ready to copy, for calls before 11 August 2026 (the Bloctel concession ends that day
 * and opt-in replaces the opposition list: loi n° 2025-594 art. 13, research §3–§4.1).
 * Required by Bloctel (economie.gouv.fr, "Bloctel : comment faire une réclamation ?"): date, time slot, the line
 * that was called, the caller's number, the business sector. Useful: company name, purpose.
 */
import { displayCallerNumber } from '../caller-id-ranges.ts';
import { shortDateFr } from '../describe-call.ts';
import { OPT_IN_FROM } from '../rules/no-prior-consent.ts';
import type { CallRecord } from '../types.ts';
import { localParts, pad2 } from '../zoned-time.ts';

export const BLOCTEL_URL = 'https://www.bloctel.gouv.fr';
/** Last local date a Bloctel complaint makes sense for. */
export const BLOCTEL_LAST_DAY = '2026-08-10';

export interface BloctelFields {
  date: string;
  /** One-hour slot containing the call, e.g. `14h–15h`. */
  timeSlot: string;
  /** The user's line; empty when the user has not given it (they fill it in). */
  calledLine: string;
  callerNumber: string;
  company: string;
  /** Left for the user to choose from Bloctel's list; notes may help. */
  sector: string;
  purpose: string;
}

/** Whether Bloctel still handles a call made at `time` (local date before 11 August 2026). */
export function bloctelApplies(time: number, timeZone: string): boolean {
  return localParts(time, timeZone).ymd < OPT_IN_FROM;
}

/** The fields for one call, or null when the call is masked (no number to report) or after Bloctel's end. */
export function bloctelFields(call: CallRecord, timeZone: string, userLine = ''): BloctelFields | null {
  if (call.masked || !call.number || !bloctelApplies(call.time, timeZone)) return null;
  const p = localParts(call.time, timeZone);
  return {
    date: shortDateFr(p),
    timeSlot: `${pad2(p.hour)}h–${pad2((p.hour + 1) % 24)}h`,
    calledLine: userLine,
    callerNumber: displayCallerNumber(call.number),
    company: call.company,
    sector: '',
    purpose: call.notes ?? '',
  };
}

/** The fields as lines to copy, labels in French (Bloctel's form is French) and English. */
export function bloctelText(f: BloctelFields, lang: 'fr' | 'en'): string {
  const labels =
    lang === 'fr'
      ? [
          'Date de l’appel',
          'Tranche horaire',
          'Votre numéro appelé',
          'Numéro de l’appelant',
          'Entreprise',
          'Secteur',
          'Objet de l’appel',
        ]
      : [
          'Date of the call',
          'Time slot',
          'Your line that was called',
          'Caller number',
          'Company',
          'Sector',
          'Purpose of the call',
        ];
  const values = [f.date, f.timeSlot, f.calledLine, f.callerNumber, f.company, f.sector, f.purpose];
  return labels.map((l, i) => `${l} : ${values[i] || '…'}`).join('\n');
}
