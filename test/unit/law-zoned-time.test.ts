import { describe, expect, it } from 'vitest';
import { formatLocalIso, localParts, offsetMinutes, zonedWallTimeToInstant } from '../../shared/law/zoned-time.ts';

describe('localParts', () => {
  it('gives Paris wall-clock time in winter (UTC+1) and summer (UTC+2)', () => {
    const winter = localParts(Date.UTC(2026, 0, 15, 9, 0), 'Europe/Paris');
    expect([winter.hour, winter.minute, winter.weekday, winter.ymd]).toEqual([10, 0, 4, '2026-01-15']);
    const summer = localParts(Date.UTC(2026, 6, 15, 8, 0), 'Europe/Paris');
    expect([summer.hour, summer.ymd]).toEqual([10, '2026-07-15']);
  });

  it('follows the spring-forward and fall-back days of 2026 in Paris', () => {
    // 29 March 2026: 02:00 CET becomes 03:00 CEST at 01:00 UTC.
    expect(localParts(Date.UTC(2026, 2, 29, 0, 59), 'Europe/Paris').hour).toBe(1);
    expect(localParts(Date.UTC(2026, 2, 29, 1, 0), 'Europe/Paris').hour).toBe(3);
    // 25 October 2026: 03:00 CEST becomes 02:00 CET at 01:00 UTC.
    expect(localParts(Date.UTC(2026, 9, 25, 0, 59), 'Europe/Paris').hour).toBe(2);
    expect(localParts(Date.UTC(2026, 9, 25, 1, 0), 'Europe/Paris').hour).toBe(2);
    expect(offsetMinutes(Date.UTC(2026, 9, 25, 0, 59), 'Europe/Paris')).toBe(120);
    expect(offsetMinutes(Date.UTC(2026, 9, 25, 1, 0), 'Europe/Paris')).toBe(60);
  });

  it('handles overseas zones without DST', () => {
    expect(localParts(Date.UTC(2026, 5, 1, 6, 0), 'Indian/Reunion').hour).toBe(10);
    expect(localParts(Date.UTC(2026, 5, 1, 14, 0), 'America/Guadeloupe').hour).toBe(10);
    expect(localParts(Date.UTC(2026, 5, 1, 13, 0), 'America/Cayenne').hour).toBe(10);
    // Late evening in Guadeloupe is already the next day in UTC.
    const p = localParts(Date.UTC(2026, 5, 2, 2, 0), 'America/Guadeloupe');
    expect([p.ymd, p.hour]).toEqual(['2026-06-01', 22]);
  });
});

describe('zonedWallTimeToInstant', () => {
  it('round-trips every hour of the DST days in Paris', () => {
    for (const day of [29, 30]) {
      for (let hour = 0; hour < 24; hour++) {
        if (day === 29 && hour === 2) continue; // does not exist
        const ms = zonedWallTimeToInstant({ year: 2026, month: 3, day, hour, minute: 30 }, 'Europe/Paris');
        const back = localParts(ms, 'Europe/Paris');
        expect([back.day, back.hour, back.minute]).toEqual([day, hour, 30]);
      }
    }
  });

  it('takes the first of the two 02:30 in the autumn overlap', () => {
    const ms = zonedWallTimeToInstant({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Paris');
    expect(ms).toBe(Date.UTC(2026, 9, 25, 0, 30));
  });

  it('moves a time in the spring gap forward', () => {
    const ms = zonedWallTimeToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Paris');
    expect(localParts(ms, 'Europe/Paris').hour).toBe(3);
  });

  it('formats with the local offset', () => {
    expect(formatLocalIso(Date.UTC(2026, 0, 5, 9, 0), 'Europe/Paris')).toBe('2026-01-05T10:00:00+01:00');
    expect(formatLocalIso(Date.UTC(2026, 6, 5, 8, 0), 'Europe/Paris')).toBe('2026-07-05T10:00:00+02:00');
    expect(formatLocalIso(Date.UTC(2026, 6, 5, 14, 0), 'America/Martinique')).toBe('2026-07-05T10:00:00-04:00');
  });
});
