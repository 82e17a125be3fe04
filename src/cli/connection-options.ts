import type { Command } from 'commander';
import type { ShardFlags } from '../connection/shards.js';

/** Where to connect and as whom (SPEC §1). */
export interface ConnectionFlags extends ShardFlags {
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
  command
    .option('--token <token>', 'bot token (prefer the DISCORD_TOKEN variable: a flag shows in ps)')
    .option('--api-url <url>', 'Discord REST base URL (env DISCLOOP_API_URL)', undefined)
    .option(
      '--sandbox',
      'run against the built-in Discord emulator and its demo world; no token needed',
    );
  return addShardOptions(command)
    .option('--json', 'results as NDJSON on stdout')
    .option('-v, --verbose', 'more diagnostics on stderr')
    .option('-q, --quiet', 'fewer diagnostics on stderr')
    .option('--no-color', 'plain output (also NO_COLOR)');
}

/** Which of the bot's shards this process runs (SPEC §9); `validate` takes them too. */
export function addShardOptions(command: Command): Command {
  return command
    .option(
      '--shards <ids>',
      'run only these Discord shards, e.g. 0-3 or 0,2,5-7 (env DISCLOOP_SHARDS)',
    )
    .option('--shard-count <n>', "the bot's number of shards, or auto (env DISCLOOP_SHARD_COUNT)")
    .option('--process-index <i>', 'run the i-th of --process-count equal shard ranges (from 0)')
    .option('--process-count <p>', 'how many processes share the shards (with --process-index)');
}

export function verbosityOf(flags: OutputFlags): 'quiet' | 'normal' | 'verbose' {
  return flags.quiet ? 'quiet' : flags.verbose ? 'verbose' : 'normal';
}
