import { type ParseArgsConfig, parseArgs } from 'node:util';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Where a command writes; tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  stdin: NodeJS.ReadableStream;
}

export interface CliCommand {
  summary: string;
  /** The command's own help, French then English (`vigie help X`, `vigie X --help`); else the summary. */
  help?: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

export function processIo(): CliIo {
  // `vigie … | head`: the reader went away; stop quietly instead of an unhandled EPIPE stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    stdin: process.stdin,
  };
}

/** `node:util` parseArgs with errors turned into a clear usage message (exit code 2). */
export class UsageError extends Error {}

export function parseCliArgs<T extends OptionsConfig>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\nUsage: ${usage}`);
  }
}
