/** The CLI's human output (`vigie lookup` without `--json`). */
import type { Entry } from '../translate.ts';

export const CLI_STRINGS = {
  'cli.reasons': { fr: 'Pourquoi', en: 'Why' },
  'cli.source': { fr: 'source', en: 'source' },
} satisfies Record<string, Entry>;
