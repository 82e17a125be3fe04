import path from 'node:path';
import { formatShards, type ShardRequest, shardIds } from '../connection/shards.js';
import type { CliContext } from './context.js';

export interface StateFlags {
  /** A path, or false for --no-state (commander's default for the pair is true). */
  state: string | boolean;
  sandbox?: boolean;
}

/**
 * SPEC §8: --state, else DISCLOOP_STATE, else .discloop/state.json beside the config. The
 * sandbox's world is new at every start, so remembering runs against it would only mislead:
 * it keeps state only when a path is given.
 */
export function statePathOf(
  flags: StateFlags,
  configFile: string,
  ctx: CliContext,
  shards: ShardRequest,
): string | undefined {
  if (flags.state === false) return undefined;
  const given = typeof flags.state === 'string' ? flags.state : ctx.env.DISCLOOP_STATE;
  if (given) return path.resolve(ctx.cwd, given);
  if (flags.sandbox) return undefined;
  const dir = path.join(path.dirname(path.resolve(ctx.cwd, configFile)), '.discloop');
  return path.join(dir, `state${shardStateSuffix(shards)}.json`);
}

/**
 * Each shard range keeps its own state (SPEC §9): `state.shards-0-1-of-4.json`, also for the
 * I-th of P ranges once the count is known (as `run --processes` gives it to its children). With
 * the count left to Discord (auto), the name says the range or the process instead.
 */
function shardStateSuffix(shards: ShardRequest): string {
  if (shards.kind === 'all') return '';
  if (shards.kind === 'list') return rangeSuffix(shards.ids, shards.count);
  if (shards.count === 'auto') return `.process-${shards.index}-of-${shards.of}`;
  return rangeSuffix(shardIds(shards, shards.count), shards.count);
}

export const rangeSuffix = (ids: readonly number[], count: number | 'auto') =>
  `.shards-${formatShards(ids).replace(/,/g, '_')}${count === 'auto' ? '' : `-of-${count}`}`;

/**
 * The state file of one `run --processes` child when the user named one (--state,
 * DISCLOOP_STATE): that name with the child's range in it, `state.shards-0-1-of-4.json`, so that
 * no two children share a file (each file takes one process).
 */
export function rangeStateFile(given: string, ids: readonly number[], count: number): string {
  const { dir, name, ext } = path.parse(given);
  return path.join(dir, `${name}${rangeSuffix(ids, count)}${ext}`);
}
