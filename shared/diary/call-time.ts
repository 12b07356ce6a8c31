/**
 * The `time` column: ISO 8601, either with an offset (`2026-03-02T10:00:00+01:00`, `…Z`) or local to the diary's
 * time zone (`2026-03-02T10:00`, `2026-03-02 10:00:00`). A local time that does not exist (the hour skipped when
 * clocks go forward) is an error rather than a guess.
 */
import { localParts, zonedWallTimeToInstant } from '../law/zoned-time.ts';

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

export type CallTimeResult = { ok: true; time: number } | { ok: false; message: string; messageEn: string };

export function parseCallTime(text: string, timeZone: string): CallTimeResult {
  const m = ISO.exec(text.trim());
  const bad = (fr: string, en: string): CallTimeResult => ({ ok: false, message: fr, messageEn: en });
  if (!m) {
    return bad(
      `heure « ${text} » illisible : attendu AAAA-MM-JJTHH:MM, avec ou sans décalage (+01:00, Z)`,
      `unreadable time "${text}": expected YYYY-MM-DDTHH:MM, with or without an offset (+01:00, Z)`,
    );
  }
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = m[6] ? Number(m[6]) : 0;
  const millis = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    return bad(`date ou heure impossible « ${text} »`, `impossible date or time "${text}"`);
  }
  const offset = m[8];
  if (offset) {
    let offsetMin = 0;
    if (offset !== 'Z') {
      const sign = offset.startsWith('-') ? -1 : 1;
      const digits = offset.slice(1).replace(':', '');
      const oh = Number(digits.slice(0, 2));
      const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
      if (oh > 14 || om > 59) return bad(`décalage horaire impossible « ${offset} »`, `impossible offset "${offset}"`);
      offsetMin = sign * (oh * 60 + om);
    }
    return { ok: true, time: Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMin * 60_000 };
  }
  const time = zonedWallTimeToInstant({ year, month, day, hour, minute, second }, timeZone) + millis;
  const back = localParts(time, timeZone);
  if (back.hour !== hour || back.minute !== minute || back.day !== day) {
    return bad(
      `l'heure locale « ${text} » n'existe pas en ${timeZone} (passage à l'heure d'été) : ajoutez le décalage`,
      `local time "${text}" does not exist in ${timeZone} (clocks went forward): add the offset`,
    );
  }
  return { ok: true, time };
}
