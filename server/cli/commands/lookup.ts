import { createInterface } from 'node:readline';
import { type ClassifyContext, type ClassifyResult, classify } from '../../../shared/classify/classify.ts';
import { LEVEL_LABELS } from '../../../shared/i18n/labels.ts';
import { ARCEP_OPERATORS } from '../../../shared/operators/arcep-operators.ts';
import { parseMyNumbers } from '../../../shared/personal/my-numbers.ts';
import type { Verdict } from '../../../shared/verdict.ts';
import { type CliCommand, type CliIo, parseCliArgs } from '../command.ts';
import { chooseCrowdList } from '../crowd-list-source.ts';

const USAGE =
  'vigie lookup <numéro|-> [--region FR] [--json] [--list FILE | --service URL [--key BASE64] | --data DIR] [--strict] [--my-number N]…';

export const command: CliCommand = {
  summary: 'vérifier un numéro / look a number up',
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

const ICONS = { danger: '⛔', spam: '⚠', caution: '◐', unknown: '○', trusted: '✔' } as const;

export function formatVerdict(v: Verdict): string {
  const lines = [
    `${ICONS[v.level]} ${v.number}  ${v.label.fr} / ${v.label.en}`,
    `   niveau / level: ${LEVEL_LABELS[v.level].fr} (${v.level})${v.reports ? `   signalements / reports: ${v.reports}` : ''}`,
  ];
  for (const r of v.reasons) lines.push(`   • ${r.text}\n     ${r.textEn}\n     [${r.source}]`);
  return `${lines.join('\n')}\n`;
}
