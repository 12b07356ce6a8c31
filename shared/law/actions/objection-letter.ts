/**
 * The right-to-object letter to the company: RGPD art. 21 (2) and (3) — objection to processing for direct
 * marketing, which the controller must honour without conditions — art. 17 (1) c (erasure after that objection),
 * art. 12 (3) (answer within one month), and the telemarketing rules the diary shows it broke: D.223-9, and from
 * 11 August 2026 the prior-consent rule (loi n° 2025-594 art. 13). Filled with the diary; the user sends it.
 */
import type { Bilingual } from '../../verdict.ts';
import { displayCallerNumber } from '../caller-id-ranges.ts';
import { describeClock, shortDateFr } from '../describe-call.ts';
import { OPT_IN_FROM } from '../rules/no-prior-consent.ts';
import { localParts } from '../zoned-time.ts';
import { type CompanyCase, callsInTimeOrder } from './company-case.ts';

export interface LetterSender {
  name?: string;
  address?: string;
  /** The line the company calls. */
  phone?: string;
}

export interface ObjectionLetter {
  subject: Bilingual;
  body: Bilingual;
  /** `mailto:` with subject and French body; the user adds the company's address. */
  mailto: string;
}

export function objectionLetter(c: CompanyCase, sender: LetterSender = {}, now = Date.now()): ObjectionLetter {
  const today = localParts(now, c.timeZone);
  const calls = callsInTimeOrder(c);
  const company = c.company || '[entreprise]';
  const companyEn = c.company || '[company]';
  const phone = sender.phone || '[votre numéro]';
  const phoneEn = sender.phone || '[your number]';
  const callLines = calls.map((x) => {
    const p = localParts(x.time, c.timeZone);
    const from = x.masked ? 'numéro masqué' : displayCallerNumber(x.number) || 'numéro inconnu';
    const fromEn = x.masked ? 'hidden number' : displayCallerNumber(x.number) || 'unknown number';
    return {
      fr: `- le ${shortDateFr(p)} à ${describeClock(p)}, depuis le ${from}`,
      en: `- on ${shortDateFr(p)} at ${describeClock(p)}, from ${fromEn}`,
    };
  });
  const law = [...new Map(c.findings.filter((f) => f.kind === 'law').map((f) => [f.text, f])).values()];
  const optIn = today.ymd >= OPT_IN_FROM;
  const subject = {
    fr: `Opposition à la prospection téléphonique (RGPD art. 21) — ligne ${phone}`,
    en: `Objection to telephone marketing (GDPR art. 21) — line ${phoneEn}`,
  };
  const head = [sender.name, sender.address].filter(Boolean).join('\n');
  const fr = [
    head || '[Vos nom et adresse]',
    '',
    `À l’attention du délégué à la protection des données de ${company}`,
    `Le ${shortDateFr(today)}`,
    '',
    `Objet : ${subject.fr}`,
    '',
    'Madame, Monsieur,',
    '',
    `Votre société m’a appelé(e) sur la ligne ${phone} aux dates suivantes :`,
    ...callLines.map((l) => l.fr),
    '',
    'En application de l’article 21, paragraphes 2 et 3, du règlement (UE) 2016/679 (RGPD), je m’oppose au traitement de mes données à des fins de prospection. Cette opposition est sans condition : vous devez cesser tout appel de prospection.',
    'Conformément à l’article 17, paragraphe 1, c), je vous demande d’effacer mon numéro de vos fichiers de prospection et d’en informer tout prestataire qui appelle pour votre compte.',
    optIn
      ? 'Je rappelle que depuis le 11 août 2026, le démarchage téléphonique exige le consentement préalable du consommateur (article L.223-1 du Code de la consommation, loi n° 2025-594 du 30 juin 2025, art. 13), que je ne vous ai pas donné.'
      : 'Je rappelle qu’à compter du 11 août 2026, le démarchage téléphonique exigera le consentement préalable du consommateur (loi n° 2025-594 du 30 juin 2025, art. 13).',
    ...(law.length > 0
      ? ['', 'Ces appels ont en outre enfreint les règles suivantes :', ...law.map((f) => `- ${f.text} (${f.source})`)]
      : []),
    '',
    'Merci de me confirmer la prise en compte de cette demande dans un délai d’un mois (article 12, paragraphe 3, du RGPD). À défaut, je saisirai la CNIL et signalerai ces appels à la DGCCRF (SignalConso).',
    '',
    'Veuillez agréer, Madame, Monsieur, mes salutations distinguées.',
    '',
    sender.name || '[Signature]',
  ].join('\n');
  const en = [
    head || '[Your name and address]',
    '',
    `For the attention of the data protection officer of ${companyEn}`,
    `${shortDateFr(today)}`,
    '',
    `Subject: ${subject.en}`,
    '',
    'Dear Sir or Madam,',
    '',
    `Your company called me on the line ${phoneEn} on these dates:`,
    ...callLines.map((l) => l.en),
    '',
    'Under Article 21(2) and (3) of Regulation (EU) 2016/679 (GDPR), I object to the processing of my data for direct marketing. This objection is unconditional: you must stop all marketing calls.',
    'Under Article 17(1)(c), I ask you to erase my number from your marketing files and to tell any contractor calling on your behalf.',
    optIn
      ? 'Since 11 August 2026, telephone marketing requires the consumer’s prior consent (Consumer Code art. L.223-1, law no. 2025-594 of 30 June 2025, art. 13), which I have not given you.'
      : 'From 11 August 2026, telephone marketing will require the consumer’s prior consent (law no. 2025-594 of 30 June 2025, art. 13).',
    ...(law.length > 0
      ? ['', 'These calls also broke the following rules:', ...law.map((f) => `- ${f.textEn} (${f.source})`)]
      : []),
    '',
    'Please confirm within one month that this request has been carried out (GDPR Article 12(3)). Otherwise I will complain to the CNIL and report these calls to the DGCCRF (SignalConso).',
    '',
    'Yours faithfully,',
    '',
    sender.name || '[Signature]',
  ].join('\n');
  return {
    subject,
    body: { fr, en },
    mailto: `mailto:?subject=${encodeURIComponent(subject.fr)}&body=${encodeURIComponent(fr)}`,
  };
}
