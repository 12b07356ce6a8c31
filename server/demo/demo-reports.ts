import type { Category } from '../../shared/verdict.ts';
import { DAY_MS } from '../crowd/crowd-model.ts';
import { reporterFromText, uuidFromText } from '../import/synthetic-ids.ts';
import type { ReportRow } from '../reports/report-row.ts';

/**
 * The demo set of `vigie serve --demo`: a few numbers in the range ARCEP keeps for fiction (01 99 00 xx xx,
 * never assigned to a subscriber), so a first run shows crowd verdicts without naming a real line. Every row is
 * stored with `demo = true` and source `demo`, and answers built on them carry `demo: true`.
 */
interface DemoNumber {
  number: string;
  category: Category;
  reporters: number;
  legit?: number;
  comment?: string;
  company?: string;
}

const DEMO_NUMBERS: readonly DemoNumber[] = [
  {
    number: '+33199000101',
    category: 'telemarketing',
    reporters: 9,
    comment: 'Isolation à 1 € (démo)',
    company: 'Démo Énergie',
  },
  { number: '+33199000102', category: 'scam', reporters: 14, comment: 'Faux conseiller bancaire (démo)' },
  { number: '+33199000103', category: 'robocall', reporters: 6, comment: 'Appel muet (démo)' },
  { number: '+33199000104', category: 'premium_callback', reporters: 5, comment: 'Un seul bip puis raccroche (démo)' },
  { number: '+33199000105', category: 'survey', reporters: 4 },
  { number: '+33199000106', category: 'telemarketing', reporters: 2 },
  {
    number: '+33199000107',
    category: 'telemarketing',
    reporters: 4,
    legit: 5,
    comment: 'Rappel de rendez-vous, pas du démarchage (démo)',
  },
  { number: '+33199000108', category: 'debt_collection', reporters: 3 },
];

export function demoReports(now: number): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const demo of DEMO_NUMBERS) {
    const add = (i: number, category: Category, comment: string | null) => {
      const reportedAt = new Date(now - ((i * 3 + 1) % 40) * DAY_MS).toISOString();
      rows.push({
        id: uuidFromText(`demo:${demo.number}:${category}:${i}`),
        number: demo.number,
        reporter: reporterFromText(`demo-reporter:${i}:${demo.number}:${category}`),
        category,
        comment,
        company: category === 'legit' ? null : (demo.company ?? null),
        region: 'FR',
        calledAt: reportedAt,
        reportedAt,
        source: 'demo',
        demo: true,
        addrHash: null,
      });
    };
    for (let i = 0; i < demo.reporters; i++) add(i, demo.category, i === 0 ? (demo.comment ?? null) : null);
    for (let i = 0; i < (demo.legit ?? 0); i++) add(i, 'legit', null);
  }
  return rows;
}
