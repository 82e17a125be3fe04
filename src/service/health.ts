import { formatDuration } from '../schedule/describe.js';

export type Health = { ok: true } | { ok: false; reason: string };

/** Whole seconds past one second: "12s", not "12s345ms". */
const roughly = (ms: number) => formatDuration(ms < 1000 ? ms : Math.floor(ms / 1000) * 1000);

/**
 * Unhealthy once something has been out (since `since`, wall-clock ms) for longer than
 * `graceMs`: the reason names the one out longest, e.g. `shard 2 has been disconnected for 75s,
 * longer than the health grace of 1m (and 1 more shard)`.
 */
export function overGrace<T extends { since: number }>(
  out: readonly T[],
  { at, graceMs, noun }: { at: number; graceMs: number; noun: [string, string] },
  describe: (item: T) => string,
): Health {
  const late = out.filter((item) => at - item.since > graceMs).sort((a, b) => a.since - b.since);
  const [first] = late;
  if (!first) return { ok: true };
  const more =
    late.length > 1 ? ` (and ${late.length - 1} more ${noun[late.length > 2 ? 1 : 0]})` : '';
  return {
    ok: false,
    reason: `${describe(first)} for ${roughly(at - first.since)}, longer than the health grace of ${formatDuration(graceMs)}${more}`,
  };
}

export interface ShardView {
  id: number;
  connected: boolean;
  since: number;
}

/** Unhealthy once a shard has been disconnected for longer than `graceMs`. */
export const shardHealth = (shards: readonly ShardView[], at: number, graceMs: number): Health =>
  overGrace(
    shards.filter((shard) => !shard.connected),
    { at, graceMs, noun: ['shard', 'shards'] },
    (shard) => `shard ${shard.id} has been disconnected`,
  );
