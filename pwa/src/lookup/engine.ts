/**
 * The look-up engine: everything that needs libphonenumber's metadata (normalize, the number finder, classify)
 * lives behind this module, which the shell loads with a dynamic import after the first paint (the shell's JS
 * budget is 100 KB gzip; the metadata alone is more). The crowd list is opened over its stored bytes once
 * (zero-copy, shared/list/reader.ts) and kept until a sync replaces it.
 */
import { classify } from '../../../shared/classify/classify.ts';
import { openList } from '../../../shared/list/reader.ts';
import type { CrowdList } from '../../../shared/list/types.ts';
import { findPhoneNumbers } from '../../../shared/number/find-in-text.ts';
import { normalize } from '../../../shared/number/normalize.ts';
import { ARCEP_OPERATORS } from '../../../shared/operators/arcep-operators.ts';
import { type PatternResult, PersonalLists, parsePersonalPattern } from '../../../shared/personal/personal-lists.ts';
import type { ListMeta, VigieDb } from '../../../shared/store/db.ts';
import { loadList, type StoredList } from '../../../shared/store/list-store.ts';
import { listPersonal } from '../../../shared/store/personal-store.ts';
import type { Settings } from '../../../shared/store/settings-store.ts';
import type { InputError, Verdict } from '../../../shared/verdict.ts';

export type LookupSettings = Pick<Settings, 'region' | 'strictCallCentres' | 'myNumbers'>;

export type LookupOutcome = { ok: true; verdict: Verdict } | { ok: false; error: InputError };

/** Past this length the input is not a number as typed: look for one inside it (a pasted SMS). */
const PLAIN_NUMBER_MAX = 32;

export class LookupEngine {
  private list: Promise<CrowdList | null> | null = null;
  private meta: ListMeta | null = null;

  /** `preloaded`: the list record, already being read by the shell while this chunk was downloading. */
  constructor(
    private readonly db: VigieDb,
    private preloaded: Promise<StoredList | null> | null = null,
  ) {}

  /** Start reading the list now (called right after the module loads, in parallel with the first input). */
  warm(): void {
    this.currentList();
  }

  /** A sync installed a new list: open it on the next look-up. */
  invalidateList(): void {
    this.list = null;
  }

  private currentList(): Promise<CrowdList | null> {
    const stored = this.preloaded ?? loadList(this.db);
    this.preloaded = null;
    this.list ??= stored
      .then((record) => {
        this.meta = record?.meta ?? null;
        // openList throws on a damaged file or one in an older format (stored before an update): the next
        // sync replaces it with the snapshot (docs/list-format.md §Format versions).
        return record ? openList(record.bytes) : null;
      })
      .catch((error: unknown) => {
        // A damaged list must not stop look-ups: rules and personal lists still answer (fail open).
        console.warn('vigie: stored list unreadable', error);
        return null;
      });
    return this.list;
  }

  /** Metadata of the list in use (version, sync time, key), once it is loaded. */
  async listMeta(): Promise<ListMeta | null> {
    await this.currentList();
    return this.meta;
  }

  /** The number to look up in `text`: the text itself if it is a number, else the first number found in it. */
  extract(text: string, region: string): { ok: true; input: string } | { ok: false; error: InputError } {
    const direct = normalize(text, region);
    if (direct.ok) return { ok: true, input: text.trim() };
    if (text.trim().length > PLAIN_NUMBER_MAX || /[a-zà-ÿ]{3,}/i.test(text)) {
      const found = findPhoneNumbers(text, region)[0];
      if (found) return { ok: true, input: found.number };
      return {
        ok: false,
        error: {
          code: 'not_a_phone_number',
          message: 'Aucun numéro de téléphone trouvé dans ce texte.',
          messageEn: 'No phone number found in this text.',
        },
      };
    }
    return { ok: false, error: direct.error };
  }

  /** `settings`: the region, and the user's call-centre strictness and own numbers (settings-store.ts). */
  async lookup(text: string, settings: LookupSettings): Promise<LookupOutcome> {
    const extracted = this.extract(text, settings.region);
    if (!extracted.ok) return extracted;
    const [list, personalEntries] = await Promise.all([this.currentList(), listPersonal(this.db)]);
    const result = classify(extracted.input, {
      region: settings.region,
      list,
      personal: new PersonalLists(personalEntries),
      // The ARCEP table (block holders, call-centre operators) rides in this lazy chunk, not in the shell.
      operators: ARCEP_OPERATORS,
      strictCallCentres: settings.strictCallCentres,
      myNumbers: settings.myNumbers,
      now: Date.now(),
    });
    return result.ok ? { ok: true, verdict: result.verdict } : { ok: false, error: result.error };
  }

  /** Which of `numbers` the crowd list now lists as unwanted (the history says "now on everyone's list"). */
  async listedAmong(numbers: readonly string[]): Promise<Set<string>> {
    const list = await this.currentList();
    const listed = new Set<string>();
    if (!list) return listed;
    for (const number of numbers) {
      const match = number.startsWith('+') ? list.match(number) : null;
      if (match && match.category !== 'legit') listed.add(number);
    }
    return listed;
  }

  /** A personal-list pattern typed by the user (a number in any format, or a prefix ending in `*`). */
  personalPattern(text: string, region: string): PatternResult {
    return parsePersonalPattern(text, region);
  }
}
