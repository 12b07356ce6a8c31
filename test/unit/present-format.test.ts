/**
 * The presentation layer's formats. Expected values are written by hand: numbers as ARCEP's numbering plan and
 * operators' bills print them (French national form in pairs, overseas departments as 0590 12 34 56) and as the
 * foreign plans write them; dates as French typography writes them ("10 h 30"); plurals as French grammar wants
 * (0 and 1 take the singular).
 */
import { describe, expect, it } from 'vitest';
import { formatClock, formatDate, formatIsoDay, formatLongWhen, formatWhen } from '../../shared/present/dates.ts';
import { displayCallerId } from '../../shared/present/diary-view.ts';
import { displayNumber, displayPattern } from '../../shared/present/number-display.ts';
import { timeZoneChoices, timeZoneOffset, timeZonePlace } from '../../shared/present/time-zones.ts';
import { formatCount, trCount } from '../../shared/present/translate.ts';

describe('displayNumber', () => {
  it('writes metropolitan numbers in national form, in pairs', () => {
    expect(displayNumber('+33162123456')).toBe('01 62 12 34 56');
    expect(displayNumber('+33612345678')).toBe('06 12 34 56 78');
    expect(displayNumber('+33948123456')).toBe('09 48 12 34 56');
    expect(displayNumber('+33891234567')).toBe('08 91 23 45 67');
  });

  it('writes the overseas departments as they are dialled from France', () => {
    expect(displayNumber('+590590123456')).toBe('0590 12 34 56'); // Guadeloupe, fixed
    expect(displayNumber('+590690123456')).toBe('0690 12 34 56'); // Guadeloupe, mobile
    expect(displayNumber('+596596123456')).toBe('0596 12 34 56'); // Martinique
    expect(displayNumber('+594594123456')).toBe('0594 12 34 56'); // Guyane
    expect(displayNumber('+262262123456')).toBe('0262 12 34 56'); // La Réunion
    expect(displayNumber('+262269601234')).toBe('0269 60 12 34'); // Mayotte
  });

  it('writes foreign numbers and the collectivities with their own plans in international form', () => {
    expect(displayNumber('+3221234567')).toBe('+32 2 123 45 67'); // Brussels
    expect(displayNumber('+32470123456')).toBe('+32 470 12 34 56'); // Belgian mobile
    expect(displayNumber('+41221234567')).toBe('+41 22 123 45 67'); // Geneva
    expect(displayNumber('+12125550100')).toBe('+1 212-555-0100'); // New York
    expect(displayNumber('+37793150000')).toBe('+377 93 15 00 00'); // Monaco
    expect(displayNumber('+508411234')).toBe('+508 411 234'); // Saint-Pierre-et-Miquelon
    expect(displayNumber('+4930123456')).toBe('+49 301 234 56'); // Berlin: groups of three, no claim on areas
  });

  it('leaves short codes and unreadable text as given', () => {
    expect(displayNumber('3179')).toBe('3179');
    expect(displayNumber(' 112 ')).toBe('112');
    expect(displayNumber('not a number')).toBe('not a number');
  });

  it('writes a caller ID from the diary the same way, whatever form it was typed in', () => {
    expect(displayCallerId('0162123456')).toBe('01 62 12 34 56');
    expect(displayCallerId('01.62.12.34.56')).toBe('01 62 12 34 56');
    expect(displayCallerId('+33 1 62 12 34 56')).toBe('01 62 12 34 56');
    expect(displayCallerId('0033162123456')).toBe('01 62 12 34 56');
    expect(displayCallerId('3179')).toBe('3179');
  });
});

describe('dates', () => {
  // 2 December 2026, 09:30 UTC: 10:30 in Paris (UTC+1 in winter), 05:30 in Guadeloupe (UTC−4), 13:30 in Réunion (UTC+4).
  const at = Date.UTC(2026, 11, 2, 9, 30);
  const now = Date.UTC(2026, 11, 20);

  it('says a moment as people do, in the time zone asked for', () => {
    expect(formatWhen('fr', at, { timeZone: 'Europe/Paris', now })).toBe('le 2 déc. à 10 h 30');
    expect(formatWhen('fr', at, { timeZone: 'America/Guadeloupe', now })).toBe('le 2 déc. à 5 h 30');
    expect(formatWhen('fr', at, { timeZone: 'Indian/Reunion', now })).toBe('le 2 déc. à 13 h 30');
    expect(formatWhen('en', at, { timeZone: 'Europe/Paris', now })).toBe('on 2 Dec at 10:30');
  });

  it('changes the day when the zone is past midnight', () => {
    const late = Date.UTC(2026, 11, 2, 23, 30); // 00:30 on 3 December in Paris, 19:30 on 2 December in Guadeloupe
    expect(formatDate('fr', late, { timeZone: 'Europe/Paris', now })).toBe('3 déc.');
    expect(formatDate('fr', late, { timeZone: 'America/Guadeloupe', now })).toBe('2 déc.');
  });

  it('follows summer time (Paris is UTC+2 in July)', () => {
    expect(formatClock('fr', Date.UTC(2026, 6, 14, 8, 5), { timeZone: 'Europe/Paris' })).toBe('10 h 05');
  });

  it('gives the year only when it is not this year, and writes the first of the month "1er"', () => {
    expect(formatDate('fr', Date.UTC(2025, 2, 1, 12), { timeZone: 'Europe/Paris', now })).toBe('1er mars 2025');
    expect(formatDate('en', Date.UTC(2025, 2, 1, 12), { timeZone: 'Europe/Paris', now })).toBe('1 Mar 2025');
    expect(formatIsoDay('fr', '2026-12-02', { now })).toBe('2 déc.');
    expect(formatIsoDay('fr', 'garbage')).toBe('garbage');
  });

  it('writes the full date with the weekday for documents', () => {
    expect(formatLongWhen('fr', Date.UTC(2026, 2, 2, 8, 30), { timeZone: 'Europe/Paris' })).toBe(
      'le lundi 2 mars 2026 à 9 h 30',
    );
    expect(formatLongWhen('en', Date.UTC(2026, 2, 2, 8, 30), { timeZone: 'Europe/Paris' })).toBe(
      'on Monday 2 March 2026 at 09:30',
    );
  });
});

describe('plurals and counts', () => {
  it('uses the singular for 0 and 1 in French, for 1 only in English', () => {
    expect(trCount('fr', 'diary.calls', 0)).toBe('0 appel');
    expect(trCount('fr', 'diary.calls', 1)).toBe('1 appel');
    expect(trCount('fr', 'diary.calls', 2)).toBe('2 appels');
    expect(trCount('en', 'diary.calls', 0)).toBe('0 calls');
    expect(trCount('en', 'diary.calls', 1)).toBe('1 call');
    expect(trCount('fr', 'diary.lawFindings', 3)).toBe('3 règles de loi enfreintes');
  });

  it('writes large counts with the language’s digit grouping', () => {
    // French groups with a narrow no-break space (U+202F), English with a comma.
    expect(formatCount('fr', 12345)).toBe('12\u202f345');
    expect(formatCount('en', 12345)).toBe('12,345');
  });
});

describe('time zones by place', () => {
  it('names French zones by their places and gives the offset', () => {
    expect(timeZonePlace('fr', 'America/Guadeloupe')).toBe('Guadeloupe, Saint-Martin, Saint-Barthélemy');
    expect(timeZonePlace('en', 'Indian/Reunion')).toBe('Réunion');
    expect(timeZonePlace('fr', 'Europe/Berlin')).toBe('Berlin');
    expect(timeZoneOffset('America/Guadeloupe', Date.UTC(2026, 0, 1))).toBe('UTC−4');
    expect(timeZoneOffset('Europe/Paris', Date.UTC(2026, 6, 1))).toBe('UTC+2');
    expect(timeZoneOffset('UTC', Date.UTC(2026, 6, 1))).toBe('UTC');
  });

  it('offers the device zone first, then France and its territories, never an IANA code', () => {
    const choices = timeZoneChoices('fr', 'Europe/Berlin', Date.UTC(2026, 0, 1));
    expect(choices[0]).toEqual({ zone: 'Europe/Berlin', label: 'Berlin (UTC+1)' });
    expect(choices.map((c) => c.label)).toContain('Martinique (UTC−4)');
    for (const c of choices) expect(c.label).not.toMatch(/[A-Z][a-z]+\/[A-Z]/);
  });
});

describe('displayPattern', () => {
  it('writes a personal-list prefix as its first digits and "…"', () => {
    expect(displayPattern('+33162*')).toBe('01 62…');
    expect(displayPattern('+339481*')).toBe('09 48 1…');
    expect(displayPattern('+32*')).toBe('+32…');
    expect(displayPattern('+33612345678')).toBe('06 12 34 56 78');
  });
});
