/**
 * The verdict view model: what every screen says about a number. Verdicts are written by hand here (the shape
 * classify() returns, docs/api.md), so these tests check the wording, not the classification.
 */
import { describe, expect, it } from 'vitest';
import { withTicked } from '../../shared/present/diary-view.ts';
import { verdictView } from '../../shared/present/verdict-view.ts';
import type { Reason, Verdict } from '../../shared/verdict.ts';

const rule: Reason = {
  id: 'npv-prefix',
  kind: 'rule',
  source: 'ARCEP, décision n° 2022-1583',
  text: 'Numéro réservé aux appels automatisés.',
  textEn: 'Number reserved for automated calls.',
};
const crowd: Reason = {
  id: 'crowd:reports',
  kind: 'crowd',
  source: 'liste collaborative Vigie v7',
  text: 'Signalé 12 fois par la communauté : démarchage.',
  textEn: 'Reported 12 times by the community: telemarketing.',
};

function verdict(over: Partial<Verdict>): Verdict {
  return {
    input: '01 62 12 34 56',
    number: '+33162123456',
    country: 'FR',
    type: 'fixed_line',
    level: 'unknown',
    category: null,
    reasons: [],
    reports: 0,
    lastReportedAt: null,
    operator: null,
    label: { fr: 'Inconnu', en: 'Unknown' },
    ...over,
  };
}

const now = Date.UTC(2026, 11, 20, 12);

describe('verdictView', () => {
  it('writes the number as people do and keeps E.164 for data', () => {
    const view = verdictView('fr', verdict({}));
    expect(view.number).toBe('+33162123456');
    expect(view.numberDisplay).toBe('01 62 12 34 56');
    expect(view.title).toBe('Inconnu');
    expect(view.icon).toBe('unknown');
  });

  it('under a rule verdict shows no crowd count ("0 signalement" reads as "nobody complained")', () => {
    const view = verdictView('fr', verdict({ level: 'spam', category: 'robocall', reasons: [rule] }));
    expect(view.title).toBe('Indésirable — Appel automatisé ou silencieux');
    expect(view.crowdLines).toEqual([]);
    expect(view.reasons.map((r) => r.text)).toEqual(['Numéro réservé aux appels automatisés.']);
  });

  it('gives the crowd’s last report as a date people say, and its source in words', () => {
    const view = verdictView(
      'fr',
      verdict({
        level: 'spam',
        category: 'telemarketing',
        reasons: [crowd],
        reports: 12,
        lastReportedAt: '2026-12-02',
      }),
      { now },
    );
    expect(view.crowdLines).toEqual(['Dernier signalement le 2 déc.']);
    expect(view.reasons[0]?.source).toBe('liste collaborative Vigie');
  });

  it('after the user reported an unknown number, says so and what happens next', () => {
    const view = verdictView('fr', verdict({}), {
      reportedAt: Date.UTC(2026, 11, 2, 9, 30),
      timeZone: 'Europe/Paris',
      now,
    });
    expect(view.headline).toBe('Vous l’avez signalé');
    expect(view.yourReport).toEqual({
      said: 'Vous l’avez signalé le 2 déc. à 10 h 30.',
      next: 'Votre signalement est enregistré ; le numéro sera signalé à tous quand d’autres personnes l’auront signalé aussi.',
    });
  });

  it('once others reported it too, says it is on everyone’s list', () => {
    const view = verdictView(
      'en',
      verdict({ level: 'spam', category: 'telemarketing', reasons: [crowd], reports: 12 }),
      { reportedAt: now - 86_400_000, now },
    );
    expect(view.yourReport?.next).toBe('Others reported it too: it is now on everyone’s list.');
  });

  it('says a number has legitimate votes, in words and with the right plural', () => {
    const legit = verdict({
      reasons: [{ ...crowd, text: 'Signalé 3 fois par la communauté : appel légitime.' }],
      category: null,
      reports: 3,
    });
    expect(verdictView('fr', legit).crowdLines).toEqual([
      '3 personnes disent que ce numéro appelle pour de bonnes raisons.',
    ]);
    expect(verdictView('en', verdict({}), { online: { reports: 0, legitVotes: 1 } }).crowdLines).toEqual([
      'One person says this number calls for good reasons.',
    ]);
  });

  it('labels demo data on a verdict that rests on the crowd list', () => {
    const listed = verdict({ level: 'spam', category: 'telemarketing', reasons: [crowd], reports: 12 });
    expect(verdictView('fr', listed, { demo: true }).demo).toBe(
      'Données de démonstration : ces signalements sont inventés pour essayer Vigie.',
    );
    // A rule verdict does not rest on the demo list.
    expect(verdictView('fr', verdict({ level: 'spam', reasons: [rule] }), { demo: true }).demo).toBeNull();
  });

  it('names the block holder apart from the reasons, with the porting caveat', () => {
    const view = verdictView(
      'fr',
      verdict({
        operator: { code: 'FRTE', name: 'Orange', block: '0162', territory: 'Métropole' },
        reasons: [{ id: 'operator:block-holder', kind: 'operator', source: 'ARCEP', text: 'x', textEn: 'x' }],
      }),
    );
    expect(view.operator?.line).toBe('Numéro d’un bloc attribué à Orange (Métropole).');
    expect(view.operator?.note).toBe('Le numéro a pu changer d’opérateur depuis.');
    expect(view.reasons).toEqual([]);
  });
});

describe('withTicked', () => {
  it('adds and removes one call, always in a new set', () => {
    const none = new Set<string>();
    const one = withTicked(none, 'a', true);
    expect([...one]).toEqual(['a']);
    expect(one).not.toBe(none);
    expect([...withTicked(one, 'a', false)]).toEqual([]);
    expect([...withTicked(one, 'b', true)].sort()).toEqual(['a', 'b']);
  });
});
