import { readFile } from 'node:fs/promises';
import { parseDiaryCsv } from '../../../shared/diary/diary-csv.ts';
import { checkCalls, DEFAULT_TIME_ZONE } from '../../../shared/law/engine.ts';
import { DEFAULT_POLICY, withOptions } from '../../../shared/law/policies.ts';
import type { Finding } from '../../../shared/law/types.ts';
import { isValidTimeZone } from '../../../shared/law/zoned-time.ts';
import { type CliCommand, type CliIo, parseCliArgs, UsageError } from '../command.ts';

const USAGE =
  'vigie diary check FILE.csv [--tz Europe/Paris] [--json] [--no-charters] [--min-gap-hours 24] [--monthly-cap 4]';

function positiveNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`--${name}: « ${raw} » n'est pas un nombre positif / is not a positive number`);
  return n;
}

function printReadable(io: CliIo, file: string, findings: Finding[], rows: number): void {
  if (findings.length === 0) {
    io.out(`${file}: ${rows} appel(s), aucune règle enfreinte / ${rows} call(s), no rule broken\n`);
    return;
  }
  const calls = new Set(findings.map((f) => f.row)).size;
  io.out(
    `${file}: ${findings.length} constat(s) sur ${calls} appel(s) / ${findings.length} finding(s) on ${calls} call(s)\n\n`,
  );
  for (const f of findings) {
    // Line numbers as an editor shows them: the header is line 1, data row 0 is line 2 (when no quoted line breaks).
    const who = f.company ? ` — ${f.company}` : '';
    const label = f.kind === 'charter' ? ' [engagement de la profession / industry commitment, not law]' : '';
    io.out(`row ${f.row}${who} — ${f.rule}${label}\n  ${f.text}\n  ${f.textEn}\n  Source : ${f.source}\n\n`);
  }
}

/** `vigie diary check`: which calls of a diary CSV broke which rule (issue 6; format in docs/law.md). */
export const command: CliCommand = {
  summary: 'vérifier un journal d’appels (CSV) contre la loi / check a call diary (CSV) against the law',
  async run(argv, io) {
    let parsed: ReturnType<typeof parseCliArgs>;
    try {
      parsed = parseCliArgs(
        argv,
        {
          tz: { type: 'string' },
          json: { type: 'boolean' },
          'no-charters': { type: 'boolean' },
          'min-gap-hours': { type: 'string' },
          'monthly-cap': { type: 'string' },
        },
        USAGE,
      );
    } catch (error) {
      io.err(`${(error as Error).message}\n`);
      return 2;
    }
    const { values, positionals } = parsed;
    const [sub, file, ...extra] = positionals;
    if (sub !== 'check' || !file || extra.length > 0) {
      io.err(`Usage: ${USAGE}\n`);
      return 2;
    }
    const timeZone = typeof values.tz === 'string' ? values.tz : DEFAULT_TIME_ZONE;
    if (!isValidTimeZone(timeZone)) {
      io.err(
        `vigie diary: fuseau horaire inconnu « ${timeZone} » / unknown time zone "${timeZone}" (ex. Europe/Paris, Indian/Reunion)\n`,
      );
      return 2;
    }
    let policy = DEFAULT_POLICY;
    try {
      policy = withOptions(DEFAULT_POLICY, {
        charters: values['no-charters'] !== true,
        charterMinGapHours: positiveNumber('min-gap-hours', values['min-gap-hours'] as string | undefined, 24),
        charterMonthlyCap: positiveNumber('monthly-cap', values['monthly-cap'] as string | undefined, 4),
      });
    } catch (error) {
      io.err(`${(error as Error).message}\nUsage: ${USAGE}\n`);
      return 2;
    }
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      io.err(`vigie diary: impossible de lire / cannot read ${file}: ${(error as Error).message}\n`);
      return 1;
    }
    const result = parseDiaryCsv(text, { timeZone });
    if (!result.ok) {
      for (const e of result.errors) io.err(`${file}:${e.line}: ${e.message} / ${e.messageEn}\n`);
      io.err(
        `vigie diary: ${result.errors.length} ligne(s) en erreur, rien n'a été vérifié / ${result.errors.length} bad line(s), nothing was checked\n`,
      );
      return 1;
    }
    const findings = checkCalls(result.calls, { timeZone, policy });
    if (values.json === true) {
      const out = findings.map((f) => ({ row: f.row, rule: f.rule, text: f.text, source: f.source }));
      io.out(`${JSON.stringify({ findings: out })}\n`);
    } else {
      printReadable(io, file, findings, result.calls.length);
    }
    return 0;
  },
};
