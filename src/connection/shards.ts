import { UsageError } from '../errors.js';

/**
 * Which Discord shards this process runs (SPEC §9): every shard (the default), a list, or the
 * I-th of P contiguous ranges. The count is a number or `auto` (asked of /gateway/bot).
 */
export type ShardRequest =
  | { kind: 'all' }
  | { kind: 'list'; ids: number[]; count: number | 'auto' }
  | { kind: 'slice'; index: number; of: number; count: number | 'auto' };

export interface ShardFlags {
  shards?: string;
  shardCount?: string;
  processIndex?: string;
  processCount?: string;
}

/** The flags, else the environment (DISCLOOP_SHARDS, _SHARD_COUNT, _PROCESS_INDEX, _PROCESS_COUNT). */
export function shardRequest(
  flags: ShardFlags,
  env: Record<string, string | undefined>,
): ShardRequest {
  const shards = flags.shards ?? env.DISCLOOP_SHARDS;
  const countText = flags.shardCount ?? env.DISCLOOP_SHARD_COUNT;
  const indexText = flags.processIndex ?? env.DISCLOOP_PROCESS_INDEX;
  const ofText = flags.processCount ?? env.DISCLOOP_PROCESS_COUNT;
  const count = countText === undefined ? 'auto' : parseCount(countText);
  if (shards !== undefined && (indexText !== undefined || ofText !== undefined))
    throw new UsageError(
      '--shards and --process-index exclude each other: give one way to choose shards.',
    );
  if (shards !== undefined) {
    const ids = parseShards(shards);
    if (count !== 'auto') checkIds(ids, count);
    return { kind: 'list', ids, count };
  }
  if (indexText !== undefined || ofText !== undefined) {
    if (indexText === undefined || ofText === undefined)
      throw new UsageError('--process-index and --process-count go together.');
    const of = wholeNumber('--process-count', ofText, 1);
    const index = wholeNumber('--process-index', indexText, 0);
    if (index >= of)
      throw new UsageError(
        `--process-index ${index} is not below --process-count ${of} (indexes start at 0).`,
      );
    if (count !== 'auto' && count < of)
      throw new UsageError(
        `${of} processes cannot share ${count} shard${count === 1 ? '' : 's'}: each needs one at least.`,
      );
    return { kind: 'slice', index, of, count };
  }
  if (countText !== undefined) return { kind: 'list', ids: range(0, count as number), count };
  return { kind: 'all' };
}

/** The shard ids once the count is known: the I-th of P ranges gives the first (count mod P) one more. */
export function shardIds(request: Exclude<ShardRequest, { kind: 'all' }>, count: number): number[] {
  if (request.kind === 'list') {
    checkIds(request.ids, count);
    return request.ids;
  }
  const base = Math.floor(count / request.of);
  const extra = count % request.of;
  const start = request.index * base + Math.min(request.index, extra);
  return range(start, start + base + (request.index < extra ? 1 : 0));
}

/** "0-3" / "0,2,5-7": the --shards syntax, for labels and state file names. */
export function formatShards(ids: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < ids.length; ) {
    let j = i;
    while (j + 1 < ids.length && ids[j + 1] === (ids[j] as number) + 1) j++;
    parts.push(i === j ? `${ids[i]}` : `${ids[i]}-${ids[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** The shard a guild lives on: Discord's own rule. */
export const shardOf = (guildId: string, count: number) =>
  Number((BigInt(guildId) >> 22n) % BigInt(count));

/** `0-1,3` → [0, 1, 3]; a mistake is a usage error. */
export function parseShards(text: string): number[] {
  const ids = new Set<number>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!match)
      throw new UsageError(
        `--shards expects ids and ranges such as 0-3 or 0,2,5-7, got "${text}".`,
      );
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (to < from) throw new UsageError(`--shards: the range ${part} runs backwards.`);
    for (let id = from; id <= to; id++) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

function parseCount(text: string): number | 'auto' {
  return text === 'auto' ? 'auto' : wholeNumber('--shard-count', text, 1);
}

function wholeNumber(flag: string, text: string, min: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < min)
    throw new UsageError(
      `${flag} expects a whole number${min > 0 ? ' above 0' : ''}, got "${text}".`,
    );
  return n;
}

function checkIds(ids: readonly number[], count: number): void {
  const over = ids.filter((id) => id >= count);
  if (over.length > 0)
    throw new UsageError(
      `Shard ${over.join(', ')} does not exist with a shard count of ${count} (ids run from 0 to ${count - 1}).`,
    );
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
