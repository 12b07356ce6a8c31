/** Verdicts: levels, categories, the crowd's counts, the block holder, demo data, what a report changes. */
import type { Entry } from '../translate.ts';

export const VERDICT_STRINGS = {
  'level.danger': { fr: 'Danger', en: 'Danger' },
  'level.spam': { fr: 'Indésirable', en: 'Spam' },
  'level.caution': { fr: 'Prudence', en: 'Caution' },
  'level.unknown': { fr: 'Inconnu', en: 'Unknown' },
  'level.trusted': { fr: 'De confiance', en: 'Trusted' },
  'category.telemarketing': { fr: 'Démarchage', en: 'Telemarketing' },
  'category.robocall': { fr: 'Appel automatisé ou silencieux', en: 'Robocall or silent call' },
  'category.scam': { fr: 'Arnaque', en: 'Scam' },
  'category.premium_callback': { fr: 'Rappel surtaxé', en: 'Premium-rate callback' },
  'category.survey': { fr: 'Sondage', en: 'Survey' },
  'category.debt_collection': { fr: 'Recouvrement', en: 'Debt collection' },
  'category.charity': { fr: 'Association', en: 'Charity' },
  'category.political': { fr: 'Politique', en: 'Political' },
  'category.legit': { fr: 'Appel légitime', en: 'Legitimate call' },
  'category.other': { fr: 'Autre', en: 'Other' },
  'verdict.numberLabel': { fr: 'Numéro', en: 'Number' },
  'verdict.crowdReports': {
    fr: {
      one: 'Signalé une fois par la communauté : {category}.',
      other: 'Signalé {n} fois par la communauté : {category}.',
    },
    en: {
      one: 'Reported once by the community: {category}.',
      other: 'Reported {n} times by the community: {category}.',
    },
  },
  // Counts above 3 come in bands (4, 10, 20, 50…; server/crowd/bands.ts): "at least".
  'verdict.crowdReportsAtLeast': {
    fr: 'Signalé au moins {n} fois par la communauté : {category}.',
    en: 'Reported at least {n} times by the community: {category}.',
  },
  'verdict.crowdRange': {
    fr: 'Les numéros qui commencent ainsi sont signalés par la communauté : {category}.',
    en: 'Numbers that start this way are reported by the community: {category}.',
  },
  // A crowd range entry for a /10 or /100 block (issue 13 §2): `{n}` listed neighbours, `{block}` as 01 23 45 67 8x.
  'verdict.crowdNeighbours': {
    fr: {
      one: 'Un numéro voisin ({block}) signalé {why}.',
      other: '{n} numéros voisins ({block}) signalés {why}.',
    },
    en: {
      one: 'One neighbouring number ({block}) reported {why}.',
      other: '{n} neighbouring numbers ({block}) reported {why}.',
    },
  },
  'verdict.reportedFor.telemarketing': { fr: 'pour démarchage', en: 'for telemarketing' },
  'verdict.reportedFor.robocall': { fr: 'pour appels automatisés', en: 'for robocalls' },
  'verdict.reportedFor.scam': { fr: 'pour arnaque', en: 'as scams' },
  'verdict.reportedFor.premium_callback': { fr: 'pour rappel surtaxé', en: 'as premium-rate callbacks' },
  'verdict.reportedFor.survey': { fr: 'pour sondages', en: 'for surveys' },
  'verdict.reportedFor.debt_collection': { fr: 'pour recouvrement', en: 'for debt collection' },
  'verdict.reportedFor.charity': { fr: 'pour appels d’associations', en: 'as charity calls' },
  'verdict.reportedFor.political': { fr: 'pour appels politiques', en: 'as political calls' },
  'verdict.reportedFor.legit': { fr: 'comme légitimes', en: 'as legitimate' },
  'verdict.reportedFor.other': { fr: 'comme indésirables', en: 'as unwanted' },
  'verdict.lastReport': { fr: 'Dernier signalement {when}.', en: 'Last reported {when}.' },
  'verdict.legitVotes': {
    fr: {
      one: 'Une personne dit que ce numéro appelle pour de bonnes raisons.',
      other: '{n} personnes disent que ce numéro appelle pour de bonnes raisons.',
    },
    en: {
      one: 'One person says this number calls for good reasons.',
      other: '{n} people say this number calls for good reasons.',
    },
  },
  'verdict.onlineReports': {
    fr: {
      one: 'En ligne, à l’instant : un signalement.',
      other: 'En ligne, à l’instant : {n} signalements.',
    },
    en: { one: 'Online, just now: one report.', other: 'Online, just now: {n} reports.' },
  },
  'verdict.youReported': { fr: 'Vous l’avez signalé', en: 'You reported it' },
  'verdict.youReportedOn': { fr: 'Vous l’avez signalé {when}.', en: 'You reported it {when}.' },
  'verdict.reportPending': {
    fr: 'Votre signalement est enregistré ; le numéro sera signalé à tous quand d’autres personnes l’auront signalé aussi.',
    en: 'Your report is saved; the number will be flagged for everyone once other people have reported it too.',
  },
  'verdict.nowListed': {
    fr: 'D’autres l’ont signalé aussi : il est maintenant sur la liste de tous.',
    en: 'Others reported it too: it is now on everyone’s list.',
  },
  'verdict.demo': {
    fr: 'Données de démonstration : ces signalements sont inventés pour essayer Vigie.',
    en: 'Demo data: these reports are made up so you can try Vigie.',
  },
  'verdict.demoShort': { fr: 'Démo', en: 'Demo' },
  'verdict.blockHolder': {
    fr: 'Numéro d’un bloc attribué à {name} ({territory}).',
    en: 'Number from a block allocated to {name} ({territory}).',
  },
  'verdict.blockHolderNote': {
    fr: 'Le numéro a pu changer d’opérateur depuis.',
    en: 'The number may have moved to another operator since.',
  },
  'verdict.blockHolderSource': { fr: 'ARCEP, plan de numérotation', en: 'ARCEP, numbering plan' },
  'verdict.crowdSource': { fr: 'liste collaborative Vigie', en: 'Vigie crowd list' },
  'verdict.shortCode': { fr: 'numéro court', en: 'short code' },
} satisfies Record<string, Entry>;
