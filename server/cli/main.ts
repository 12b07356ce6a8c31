/**
 * `vigie <command>`: each command is one module in ./commands with a `run(argv, io)` function,
 * registered here so `vigie help` lists them all.
 */
import type { CliCommand } from './command.ts';
import { processIo, UsageError } from './command.ts';

const COMMANDS: Record<string, () => Promise<CliCommand>> = {
  lookup: async () => (await import('./commands/lookup.ts')).command,
  operators: async () => (await import('./commands/operators.ts')).command,
  diary: async () => (await import('./commands/diary.ts')).command,
  serve: async () => (await import('./commands/serve.ts')).command,
  publish: async () => (await import('./commands/publish.ts')).command,
  import: async () => (await import('./commands/import.ts')).command,
  list: async () => (await import('./commands/list.ts')).command,
  scan: async () => (await import('./commands/scan.ts')).command,
};

async function main(argv: string[]): Promise<number> {
  const io = processIo();
  const [name, ...rest] = argv;
  // `vigie help lookup` and `vigie lookup --help`: the command's own help.
  const helpFor = name === 'help' && rest[0] ? rest[0] : rest.includes('--help') || rest.includes('-h') ? name : null;
  if (helpFor) {
    const loadHelp = COMMANDS[helpFor];
    if (!loadHelp) {
      io.err(`vigie: commande inconnue « ${helpFor} » / unknown command "${helpFor}". Voir / see: vigie help\n`);
      return 2;
    }
    const command = await loadHelp();
    io.out(command.help ?? `vigie ${helpFor} — ${command.summary}\n`);
    return 0;
  }
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const lines = await Promise.all(
      Object.entries(COMMANDS).map(async ([n, load]) => `  vigie ${n.padEnd(10)} ${(await load()).summary}`),
    );
    io.out(
      `Vigie — identifier les appelants / caller identification\n\nCommandes / commands:\n${lines.join('\n')}\n\n` +
        'Aide d’une commande / a command’s help: vigie help <commande>, vigie <commande> --help\n',
    );
    return name ? 0 : 1;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(`vigie: commande inconnue « ${name} » / unknown command "${name}". Voir / see: vigie help\n`);
    return 2;
  }
  return (await load()).run(rest, io);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`vigie: ${error instanceof Error ? error.message : String(error)}\n`);
    // A malformed command line exits 2 (as getopt tools do); a failure while running exits 1.
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
