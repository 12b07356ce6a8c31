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
    // Rows as a spreadsheet numbers them (issue 11 §16): the header is row 1, so the first call is row 2. A
    // spreadsheet shows one row per record, quoted line breaks or not. `--json` keeps `row` from 0 (the contract).
    const sheetRow = f.row + 2;
    const who = f.company ? ` — ${f.company}` : '';
    const label = f.kind === 'charter' ? ' [engagement de la profession / industry commitment, not law]' : '';
    io.out(
      `ligne ${sheetRow} / row ${sheetRow}${who} — ${f.rule}${label}\n  ${f.text}\n  ${f.textEn}\n  Source : ${f.source}\n\n`,
    );
  }
}

const HELP = `vigie diary check — vérifier un journal d'appels (CSV) contre la loi / check a call diary against the law

Usage: ${USAGE}

Format du fichier / file format (UTF-8, séparateur virgule / comma-separated, RFC 4180) :
  time,number,company,answered,refused,consent,customer,masked[,silent,automated,notes]
  2026-03-02T09:59,01 62 00 00 01,Isolation Plus,no,no,no,no,no
  2026-03-02T15:00:00+01:00,,Isolation Plus,yes,yes,no,no,yes

  time       date et heure ISO 8601, avec décalage (+01:00, Z) ou à l'heure du fuseau --tz
             (espace accepté à la place de T, secondes facultatives) / ISO 8601 date and time
  number     le numéro qui a appelé ; vide si masqué / the caller's number; empty when masked
  company    l'entreprise qui appelait / the calling company
  answered   décroché / answered            refused   vous avez refusé / you said no
  consent    vous aviez consenti / you had consented
  customer   vous êtes client / you are a customer     masked   numéro masqué / hidden number
  silent, automated, notes : colonnes facultatives / optional columns
  Oui/non : yes/no, oui/non, true/false, 1/0. Un fichier avec une ligne fausse est refusé en entier, chaque
  ligne fausse est citée (FICHIER:LIGNE) / a file with a bad line is rejected whole, each bad line named.

Sortie / output: les constats, avec la ligne du tableur (l'en-tête est la ligne 1) / findings, with the
  spreadsheet row (the header is row 1); --json : {"findings":[{row, rule, text, source}]}, row compté depuis 0
  parmi les appels / row counted from 0 among the calls. Détails / details: docs/law.md.
`;

/** `vigie diary check`: which calls of a diary CSV broke which rule (issue 6; format in docs/law.md). */
export const command: CliCommand = {
  summary: 'vérifier un journal d’appels (CSV) contre la loi / check a call diary (CSV) against the law',
  help: HELP,
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
