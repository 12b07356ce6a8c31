import { describe, expect, it } from 'vitest';
import { bloctelApplies, bloctelFields, bloctelText } from '../../shared/law/actions/bloctel.ts';
import type { CompanyCase } from '../../shared/law/actions/company-case.ts';
import { objectionLetter } from '../../shared/law/actions/objection-letter.ts';
import { signalConsoCases, signalConsoUrl } from '../../shared/law/actions/signalconso.ts';
import { sms33700 } from '../../shared/law/actions/sms-33700.ts';
import { checkCalls } from '../../shared/law/engine.ts';
import type { CallRecord } from '../../shared/law/types.ts';
import { at, calls } from './law-helpers.ts';

function companyCase(cs: CallRecord[], company = 'Acme'): CompanyCase {
  return { company, calls: cs, findings: checkCalls(cs), timeZone: 'Europe/Paris' };
}

describe('SignalConso', () => {
  it('picks one case per kind of finding, with the matching subcategory link', () => {
    const c = companyCase(
      calls([
        ['2026-03-02T09:00', { refused: true }],
        ['2026-03-07T11:00'],
        ['2026-03-10T11:00'],
        ['2026-03-11T11:00'],
        ['2026-03-12T11:00', { number: '0612345678', silent: true }],
      ]),
    );
    const cases = signalConsoCases(c);
    expect(cases.map((x) => x.id)).toEqual([
      'hours',
      'weekend-holiday',
      'five-in-30-days',
      'after-refusal',
      'mobile-number',
    ]);
    expect(cases[0]!.url).toBe(
      'https://signal.conso.gouv.fr/fr/demarchage-abusif/faire-un-signalement?subcategories=Probleme_de_demarchage_telephonique&subcategories=Jai_recu_un_appel_commercial_pendant_la_semaine_en_dehors_des_heures_autorisees',
    );
    const five = cases[2]!;
    expect(five.dates).toEqual(['02/03/2026', '07/03/2026', '10/03/2026', '11/03/2026', '12/03/2026']);
    expect(five.text.fr).toContain('Démarchage téléphonique par Acme');
    expect(five.text.fr).toContain('- 12/03/2026 à 11:00 depuis le 06 12 34 56 78');
    expect(five.text.en).toContain('Rules broken:');
    expect(cases[4]!.subcategory).toBeNull();
    expect(cases[4]!.url).toBe(signalConsoUrl(null));
  });

  it('gives nothing when no rule was broken', () => {
    expect(signalConsoCases(companyCase(calls([['2026-03-02T11:00']])))).toEqual([]);
  });
});

describe('Bloctel', () => {
  it('fills the fields for calls before 11 August 2026 only', () => {
    const [before, after] = calls([['2026-08-10T14:35', { notes: 'isolation' }], ['2026-08-11T14:35']]);
    expect(bloctelApplies(before!.time, 'Europe/Paris')).toBe(true);
    expect(bloctelApplies(after!.time, 'Europe/Paris')).toBe(false);
    const f = bloctelFields(before!, 'Europe/Paris', '0601020304')!;
    expect(f).toEqual({
      date: '10/08/2026',
      timeSlot: '14h–15h',
      calledLine: '0601020304',
      callerNumber: '01 62 00 00 00',
      company: 'Acme',
      sector: '',
      purpose: 'isolation',
    });
    expect(bloctelText(f, 'fr')).toContain('Tranche horaire : 14h–15h');
    expect(bloctelText(f, 'en')).toContain('Sector : …');
    expect(bloctelFields(after!, 'Europe/Paris')).toBeNull();
    expect(bloctelFields({ ...before!, masked: true, number: '' }, 'Europe/Paris')).toBeNull();
  });
});

describe('33700', () => {
  it('writes the spamvocal SMS, premium callback first when known', () => {
    expect(sms33700('+33 8 99 12 34 56').messages).toEqual(['spamvocal 0899123456']);
    const two = sms33700('01 62 00 00 01', '08 99 12 34 56');
    expect(two.messages).toEqual(['spamvocal 0899123456', '0162000001']);
    expect(two.link).toBe('sms:33700?body=spamvocal%200899123456');
  });
});

describe('objection letter', () => {
  it('cites RGPD art. 21, lists the calls and the legal findings, in French and English', () => {
    const c = companyCase(calls([['2026-03-07T11:00'], ['2026-03-09T11:00', { masked: true, number: '' }]]));
    const l = objectionLetter(c, { name: 'Marie Dupont', phone: '06 01 02 03 04' }, at('2026-03-20T12:00'));
    expect(l.body.fr).toContain('article 21, paragraphes 2 et 3');
    expect(l.body.fr).toContain('- le 07/03/2026 à 11:00, depuis le 01 62 00 00 00');
    expect(l.body.fr).toContain('numéro masqué');
    expect(l.body.fr).toContain('le samedi et le dimanche');
    expect(l.body.fr).toContain('à compter du 11 août 2026');
    expect(l.body.en).toContain('Article 21(2) and (3)');
    expect(l.subject.fr).toContain('06 01 02 03 04');
    expect(l.mailto.startsWith('mailto:?subject=')).toBe(true);
    // After 11 August 2026 the consent rule is stated as in force.
    const later = objectionLetter(c, {}, at('2026-09-01T12:00'));
    expect(later.body.fr).toContain('depuis le 11 août 2026');
    expect(later.body.fr).toContain('[Vos nom et adresse]');
  });

  it('leaves charter findings out of the letter', () => {
    const c = companyCase(calls([['2026-03-02T11:00'], ['2026-03-02T11:30']]));
    expect(c.findings.some((f) => f.kind === 'charter')).toBe(true);
    expect(objectionLetter(c).body.fr).not.toContain('engagement de la profession');
  });
});
