import type { Command } from 'commander';

/** Where to connect and as whom (SPEC §1). */
export interface ConnectionFlags {
  token?: string;
  apiUrl?: string;
  sandbox?: boolean;
}

/** How results and diagnostics are printed. */
export interface OutputFlags {
  json?: boolean;
  verbose?: boolean;
  quiet?: boolean;
  color: boolean;
}

/** The options every connecting command takes (SPEC §1): connection and output. */
export function addConnectionOptions(command: Command): Command {
  return command
    .option('--token <token>', 'bot token (prefer the DISCORD_TOKEN variable: a flag shows in ps)')
    .option('--api-url <url>', 'Discord REST base URL (env DISCLOOP_API_URL)', undefined)
    .option(
      '--sandbox',
      'run against the built-in Discord emulator and its demo world; no token needed',
    )
    .option('--json', 'results as NDJSON on stdout')
    .option('-v, --verbose', 'more diagnostics on stderr')
    .option('-q, --quiet', 'fewer diagnostics on stderr')
    .option('--no-color', 'plain output (also NO_COLOR)');
}

export function verbosityOf(flags: OutputFlags): 'quiet' | 'normal' | 'verbose' {
  return flags.quiet ? 'quiet' : flags.verbose ? 'verbose' : 'normal';
}
