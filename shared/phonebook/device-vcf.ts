/**
 * "Protéger mon téléphone": one .vcf file with the crowd contacts of the synced list and the user's own block
 * list, built on the device (the personal lists never leave it). Numbers on the user's allow list are left out
 * of the crowd contacts, as the look-up does.
 */
import type { ListEntry } from '../list/types.ts';
import type { PersonalEntry } from '../personal/personal-lists.ts';
import { type BookContext, buildBook, renderCard } from './book.ts';
import { expandPattern } from './contacts.ts';
import type { BookOptions } from './options.ts';

export const PERSONAL_CONTACT_NAME = '🚫 Vigie · Ma liste de blocage';

export interface DeviceVcfInput {
  entries: Iterable<ListEntry>;
  personal: readonly PersonalEntry[];
  options: BookOptions;
  context: BookContext;
  /** For temporary allows and the file name. */
  now: number;
}

export interface DeviceVcf {
  text: string;
  fileName: string;
  contacts: number;
  /** Numbers from the crowd list. */
  crowdNumbers: number;
  /** Numbers from the user's block list. */
  personalNumbers: number;
}

export function buildDeviceVcf(input: DeviceVcfInput): DeviceVcf {
  const live = input.personal.filter((e) => e.expiresAt === undefined || e.expiresAt > input.now);
  const allowExact = new Set(live.filter((e) => e.kind === 'allow' && !e.pattern.endsWith('*')).map((e) => e.pattern));
  const allowPrefixes = live
    .filter((e) => e.kind === 'allow' && e.pattern.endsWith('*'))
    .map((e) => e.pattern.slice(0, -1));
  const blocked: string[] = [];
  const blockedSet = new Set<string>();
  for (const entry of live) {
    if (entry.kind !== 'block') continue;
    for (const number of expandPattern(entry.pattern) ?? []) {
      if (blockedSet.has(number)) continue;
      blockedSet.add(number);
      blocked.push(number);
    }
  }
  blocked.sort();
  const book = buildBook(input.entries, input.options, input.context, null, {
    // A number the user allowed is not a warning; one they blocked is in their own contact already.
    exclude: (n) => allowExact.has(n) || blockedSet.has(n) || allowPrefixes.some((p) => n.startsWith(p)),
  });
  const cards = [...book.cards.values()];
  const per = input.options.perContact;
  const parts = Math.ceil(blocked.length / per);
  for (let i = 0; i < parts; i++) {
    cards.push(
      renderCard(
        {
          uid: `vigie-personal-block-${i + 1}`,
          name: parts === 1 ? PERSONAL_CONTACT_NAME : `${PERSONAL_CONTACT_NAME} ${i + 1}`,
          numbers: blocked.slice(i * per, (i + 1) * per),
          level: 'danger',
          category: 'other',
        },
        input.context,
        personalNote(input.context),
      ),
    );
  }
  const day = new Date(input.now).toISOString().slice(0, 10);
  return {
    text: cards.map((c) => c.vcard).join(''),
    fileName: `vigie-contacts-v${input.context.version}-${day}.vcf`,
    contacts: cards.length,
    crowdNumbers: book.numberCount,
    personalNumbers: blocked.length,
  };
}

function personalNote(context: BookContext): string {
  return [
    'Votre propre liste de blocage, exportée de Vigie sur cet appareil.',
    'Your own block list, exported from Vigie on this device.',
    `Ce fichier ne se met pas à jour : exportez-le de nouveau depuis ${context.siteUrl} après un changement. / This file does not update itself: export it again after a change.`,
  ].join('\n');
}
