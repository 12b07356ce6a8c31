import { createInterface } from 'node:readline';
import { type ClassifyContext, type ClassifyResult, classify } from '../../../shared/classify/classify.ts';
import { ARCEP_OPERATORS } from '../../../shared/operators/arcep-operators.ts';
import { parseMyNumbers } from '../../../shared/personal/my-numbers.ts';
import { verdictView } from '../../../shared/present/verdict-view.ts';
import type { Verdict } from '../../../shared/verdict.ts';
import { type CliCommand, type CliIo, parseCliArgs } from '../command.ts';
import { chooseCrowdList } from '../crowd-list-source.ts';

const USAGE =
  'vigie lookup <numéro|-> [--region FR] [--json] [--list FILE | --service URL [--key BASE64] | --data DIR] [--strict] [--my-number N]…';

const HELP = `vigie lookup — vérifier un numéro / look a number up

Usage: ${USAGE}

Français
  Donne le verdict de Vigie pour un numéro, tel qu'on l'écrit (« 01 62 12 34 56 », +33…, tel:…).
  -              lit un numéro par ligne sur l'entrée standard ; la ligne N de sortie répond à la ligne N
                 (une ligne vide ou illisible donne une ligne d'erreur).
  --json         le verdict en JSON (un objet par ligne avec -) : input, number, country, type, level,
                 category, reasons, reports, lastReportedAt, operator, label ; une erreur : {input, error}.
  --region FR    région des numéros écrits sans indicatif (code ISO à deux lettres).
  Liste collaborative, dans cet ordre : --list FICHIER ; --service URL (manifeste signé vérifié, avec
                 --key CLÉ ou la clé du manifeste ; copie en cache utilisée hors ligne) ; sinon le dossier
                 du service local (--data DOSSIER, ou ./var s'il existe). La liste utilisée et sa version
                 sont écrites sur la sortie d'erreur.
  --strict       les tranches des opérateurs pour centres d'appels comptent comme indésirables.
  --my-number N  votre numéro (répétable) : jamais signalé à cause de ses voisins ou de sa tranche.
  Sortie : 0 si tout a été lu ; 1 pour un numéro illisible (hors -) ou une liste refusée ; 2 mauvais usage.

English
  Prints Vigie's verdict for a number as people write it.
  -              reads one number per line from stdin; output line N answers input line N (an empty or
                 unreadable line gets an error line).
  --json         the verdict as JSON (one object per line with -); an error is {input, error}.
  --region FR    region of numbers written without a country code (two-letter ISO code).
  Crowd list, in this order: --list FILE; --service URL (signed manifest checked with --key KEY, or the
                 manifest's own key with a warning; cached copy used offline); else the local service's
                 data folder (--data DIR, or ./var when it exists). Which list and version go to stderr.
  --strict       blocks of call-centre operators count as spam.
  --my-number N  your own number (repeatable): never flagged because of its neighbours or its block.
  Exit: 0 when everything was read; 1 for an unreadable number (not with -) or a refused list; 2 bad usage.

Exemples / examples:
  vigie lookup "01 62 12 34 56"
  printf '0891234567\\n112\\n' | vigie lookup --json -
  vigie lookup --service http://127.0.0.1:8787 --key <clé> "01 99 00 01 02"
`;

export const command: CliCommand = {
  summary: 'vérifier un numéro / look a number up',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCliArgs(
      argv,
      {
        region: { type: 'string', default: 'FR' },
        json: { type: 'boolean', default: false },
        list: { type: 'string' },
        service: { type: 'string' },
        key: { type: 'string' },
        data: { type: 'string' },
        // Blocks of call-centre operators read as spam, not caution (Saracroche's behaviour).
        strict: { type: 'boolean', default: false },
        // The user's own line(s): never flagged by a crowd range or a call-centre block (settings myNumbers).
        'my-number': { type: 'string', multiple: true },
      },
      USAGE,
    );
    const input = positionals.join(' ');
    if (positionals.length === 0) {
      io.err(`Usage: ${USAGE}\n`);
      return 2;
    }
    const mine = parseMyNumbers((values['my-number'] ?? []).join('\n'), values.region);
    if (!mine.ok) {
      io.err(`vigie lookup: --my-number ${mine.message} / ${mine.messageEn}\n`);
      return 2;
    }
    const context: ClassifyContext = {
      region: values.region,
      operators: ARCEP_OPERATORS,
      now: Date.now(),
      strictCallCentres: values.strict,
      myNumbers: mine.numbers,
    };
    // The crowd list the apps would use (crowd-list-source.ts); which one, and its version, goes to stderr so the
    // JSON on stdout stays one verdict per line.
    try {
      const chosen = await chooseCrowdList({
        list: values.list,
        service: values.service,
        key: values.key,
        data: values.data,
      });
      context.list = chosen?.list ?? null;
      io.err(`vigie lookup: ${chosen ? chosen.note : 'aucune liste collaborative / no crowd list'}\n`);
    } catch (error) {
      io.err(`vigie lookup: ${(error as Error).message}\n`);
      return 1;
    }
    if (input === '-') return lookupLines(io, context, values.json);
    const result = classify(input, context);
    if (!result.ok) {
      io.err(`vigie lookup: ${result.error.message} / ${result.error.messageEn}\n`);
      return 1;
    }
    io.out(values.json ? `${JSON.stringify(result.verdict)}\n` : formatVerdict(result.verdict));
    return 0;
  },
};

/** One input per line in, one JSON object (or readable block) per line out; a bad line does not stop the run. */
async function lookupLines(io: CliIo, context: ClassifyContext, json: boolean): Promise<number> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    // An empty line gets its own error line: output line N always answers input line N.
    const result = classify(line, context);
    io.out(
      json
        ? `${JSON.stringify(toJson(result))}\n`
        : result.ok
          ? formatVerdict(result.verdict)
          : `${line}: ${result.error.message}\n`,
    );
  }
  return 0;
}

function toJson(result: ClassifyResult): unknown {
  if (result.ok) return result.verdict;
  return {
    input: result.input,
    error: { code: result.error.code, message: result.error.message, messageEn: result.error.messageEn },
  };
}

/** The level as a glyph a terminal font has (the screens draw SVG icons; a terminal cannot). */
const ICONS = { danger: '✖', spam: '⚠', caution: '!', unknown: '?', trusted: '✓' } as const;

/**
 * The readable verdict: the core's view model (shared/present/verdict-view.ts) in French, then in English, so
 * the CLI says what the screens say ("01 62 12 34 56", "Dernier signalement le 2 déc.", the block holder).
 */
export function formatVerdict(v: Verdict): string {
  const fr = verdictView('fr', v);
  const en = verdictView('en', v);
  const lines = [`${ICONS[v.level]} ${fr.numberDisplay}  ${fr.title} / ${en.title}`];
  fr.reasons.forEach((r, i) => {
    lines.push(`   • ${r.text}\n     ${en.reasons[i]?.text ?? ''}\n     [${r.source}]`);
  });
  fr.crowdLines.forEach((line, i) => {
    lines.push(`   • ${line}\n     ${en.crowdLines[i] ?? ''}`);
  });
  if (fr.operator && en.operator) {
    lines.push(
      `   • ${fr.operator.line} ${fr.operator.note}\n     ${en.operator.line} ${en.operator.note}\n     [${fr.operator.source}]`,
    );
  }
  return `${lines.join('\n')}\n`;
}
