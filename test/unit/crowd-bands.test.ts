/**
 * The published list's bands (server/crowd/bands.ts): counts exact up to 3 then 4, 10, 20, 50, 100… as PhoneBlock
 * rounds vote counts (2/4/10/20/50/100); scores from the listing score 85 up by √2; days to the first of their
 * month. Expected values written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { bandDay, bandPayload, bandReports, bandScore } from '../../server/crowd/bands.ts';
import { classify } from '../../shared/classify/classify.ts';
import { crowdReason } from '../../shared/classify/crowd-reason.ts';
import { openList } from '../../shared/list/reader.ts';
import { writeList } from '../../shared/list/writer.ts';
import { verdictView } from '../../shared/present/verdict-view.ts';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('bands', () => {
  it('report counts', () => {
    const cases: [number, number][] = [
      [0, 0],
      [1, 1],
      [3, 3],
      [4, 4],
      [9, 4],
      [10, 10],
      [19, 10],
      [20, 20],
      [49, 20],
      [50, 50],
      [99, 50],
      [100, 100],
      [199, 100],
      [200, 200],
      [499, 200],
      [500, 500],
      [1234, 1000],
    ];
    for (const [count, band] of cases) expect(bandReports(count), String(count)).toBe(band);
  });

  it('scores', () => {
    const cases: [number, number][] = [
      [40, 40],
      [85, 85],
      [119, 85],
      [120, 120],
      [169, 120],
      [170, 170],
      [239, 170],
      [240, 240],
      [254, 240],
      [255, 255],
    ];
    for (const [score, band] of cases) expect(bandScore(score), String(score)).toBe(band);
  });

  it('days go to the first of their UTC month', () => {
    expect(bandDay(day('2026-03-14'))).toBe(day('2026-03-01'));
    expect(bandDay(day('2026-03-01'))).toBe(day('2026-03-01'));
    expect(bandDay(day('2024-02-29'))).toBe(day('2024-02-01'));
    expect(bandDay(0)).toBe(0);
  });

  it('a number decaying for a day, or reported again the same month, keeps the same payload bytes', () => {
    const monday = { category: 'telemarketing' as const, score: 131, reports: 12, lastReportDay: day('2026-03-09') };
    const tuesday = { ...monday, score: 130, reports: 13, lastReportDay: day('2026-03-10') };
    expect(bandPayload(tuesday)).toEqual(bandPayload(monday));
    expect(bandPayload(monday)).toEqual({
      category: 'telemarketing',
      score: 120,
      reports: 10,
      lastReportDay: day('2026-03-01'),
    });
  });

  it('clients read a banded entry as "at least" and a month', () => {
    const match = {
      kind: 'exact' as const,
      pattern: '+33612345678',
      category: 'telemarketing' as const,
      score: 120,
      reports: 10,
      lastReportDay: day('2026-03-01'),
    };
    const { reason } = crowdReason(match, 4);
    expect(reason.text).toMatch(/^Signalé au moins 10 fois par la communauté/);
    expect(reason.textEn).toMatch(/^Reported at least 10 times by the community/);
    expect(crowdReason({ ...match, reports: 3 }, 4).reason.text).toMatch(/^Signalé 3 fois/);
  });

  it('views say the month of a banded last-report day', () => {
    const list = openList(
      writeList(
        [
          {
            pattern: '+33612345678',
            payload: { category: 'telemarketing', score: 120, reports: 10, lastReportDay: day('2026-03-01') },
          },
        ],
        { version: 4 },
      ),
    );
    const result = classify('+33612345678', { list });
    if (!result.ok) throw new Error('not classified');
    expect(verdictView('fr', result.verdict).crowdLines).toContain('Dernier signalement en mars 2026.');
    expect(verdictView('en', result.verdict).crowdLines).toContain('Last reported in March 2026.');
  });
});
