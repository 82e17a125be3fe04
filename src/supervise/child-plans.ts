import { formatShards, type ShardFlags, shardIds } from '../connection/shards.js';
import { UsageError } from '../errors.js';
import { METRICS_TO_PARENT } from './messages.js';

/** One child of `run --processes`: the i-th of n contiguous shard ranges, and its label (`0-1`). */
export interface ChildPlan {
  index: number;
  of: number;
  ids: number[];
  shards: string;
}

/** `--processes <n>`: a whole number, at least 1. */
export function processCountOf(text: string): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || n < 1)
    throw new UsageError(`--processes expects a whole number above 0, got "${text}".`);
  return n;
}

/** --processes chooses every child's shards itself: a choice of shards beside it is a mistake. */
export function checkNoShardChoice(flags: ShardFlags, env: Record<string, string | undefined>) {
  const given = [
    ['--shards', flags.shards],
    ['--process-index', flags.processIndex],
    ['--process-count', flags.processCount],
    ['DISCLOOP_SHARDS', env.DISCLOOP_SHARDS],
    ['DISCLOOP_PROCESS_INDEX', env.DISCLOOP_PROCESS_INDEX],
    ['DISCLOOP_PROCESS_COUNT', env.DISCLOOP_PROCESS_COUNT],
  ].flatMap(([name, value]) => (value === undefined ? [] : [name]));
  if (given.length > 0)
    throw new UsageError(
      `--processes spreads the shards over its processes itself: it does not go with ${given.join(', ')}.`,
      'Use --processes on one machine, or --shards / --process-index in each process you start yourself.',
    );
}

/** The children for `processes` processes over `shardCount` shards, as --process-index splits them. */
export function childPlans(processes: number, shardCount: number): ChildPlan[] {
  if (processes > shardCount)
    throw new UsageError(
      `--processes ${processes} is more than the bot's ${shardCount} shard${shardCount === 1 ? '' : 's'}: each process needs one at least.`,
      shardCount > 1
        ? `Use --processes ${shardCount} or fewer, or a larger --shard-count.`
        : 'Use --shard-count to run more shards than Discord recommends.',
    );
  return Array.from({ length: processes }, (_, index) => {
    const ids = shardIds({ kind: 'slice', index, of: processes, count: shardCount }, shardCount);
    return { index, of: processes, ids, shards: formatShards(ids) };
  });
}

export interface ChildCommand {
  /** The config file, as the parent found it. */
  file: string;
  /** The options the user gave `run`, as arguments, less those the parent decides itself. */
  passOn: string[];
  /** Options that differ from child to child (its state file). */
  own?: (plan: ChildPlan) => string[];
  shardCount: number;
}

/**
 * `discloop run <file> <options> --process-index i --process-count n --shard-count c`. A restart
 * continues from the child's state: `--fresh` applies to the first start only.
 */
export function childArgs(
  { file, passOn, own, shardCount }: ChildCommand,
  plan: ChildPlan,
  restart: boolean,
): string[] {
  const options = restart ? passOn.filter((arg) => arg !== '--fresh') : passOn;
  return [
    'run',
    file,
    ...options,
    ...(own?.(plan) ?? []),
    '--process-index',
    String(plan.index),
    '--process-count',
    String(plan.of),
    '--shard-count',
    String(shardCount),
  ];
}

/**
 * A child's environment: the parent's, with the token and REST base it resolved (the token is
 * never an argument: arguments show in `ps`), and the mark that a `--processes` parent supervises it.
 * With `metrics`, the parent serves them: the child listens on no port and keeps them for it.
 */
export function childEnv(
  env: Record<string, string | undefined>,
  endpoint: { token: string; apiUrl: string },
  metrics = false,
): Record<string, string | undefined> {
  return {
    ...env,
    DISCORD_TOKEN: endpoint.token,
    DISCLOOP_API_URL: endpoint.apiUrl,
    DISCLOOP_SHARD_COUNT: undefined,
    DISCLOOP_METRICS: undefined,
    DISCLOOP_SUPERVISED: '1',
    ...(metrics ? { [METRICS_TO_PARENT]: '1' } : {}),
  };
}
