/** The texts the rules cite, in one place so every finding quotes them the same way. */
export const SOURCES = {
  d2239: {
    source:
      'Code de la consommation, art. D.223-9 (décret n° 2022-1313 du 13 octobre 2022), en vigueur le 1er mars 2023',
    url: 'https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000046422695',
  },
  d2239Holidays: {
    source:
      'Code de la consommation, art. D.223-9 (décret n° 2022-1313), jours fériés de l’art. L.3133-1 du Code du travail',
    url: 'https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000046422695',
  },
  optIn: {
    source:
      'Loi n° 2025-594 du 30 juin 2025, art. 13 (Code de la consommation, art. L.223-1), à partir du 11 août 2026',
    url: 'https://www.vie-publique.fr/loi/297018-loi-30-juin-2025-fraudes-aux-aides-publiques',
  },
  masked: {
    source: 'Code de la consommation, art. L.221-17 (loi n° 2014-344 du 17 mars 2014, dite loi Hamon)',
    url: undefined,
  },
  forbiddenCallerId: {
    source:
      'Arrêté du 5 juillet 2016 (numéros interdits comme identifiant d’appelant), Code de la consommation art. L.221-17',
    url: undefined,
  },
  numberingPlan: {
    source: 'Arcep, décision n° 2022-1583 du 1er septembre 2022 (plan de numérotation), en vigueur le 1er janvier 2023',
    url: 'https://www.arcep.fr/uploads/tx_gsavis/22-1583.pdf',
  },
  charter: {
    source: 'Engagement de la profession (chartes de déontologie des centres d’appels) — pas une règle de loi',
    url: undefined,
  },
} as const;
