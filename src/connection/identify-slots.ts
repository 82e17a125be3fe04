/**
 * When a shard may IDENTIFY, so that processes started together — on one machine or several,
 * without talking to each other — stay within Discord's limit: at most `max_concurrency`
 * IDENTIFYs per 5 s, one per bucket (`shard_id % max_concurrency`). Time is cut into windows of
 * WINDOW_MS on the wall clock, taken in turn by the shards of each bucket: shard k identifies in
 * the windows whose index mod (shards per bucket) is its turn, floor(k / max_concurrency).
 * Windows are longer than 5 s (exactly 5 s apart can still be refused) and a shard starts a
 * little into its window, so clocks a few hundred ms apart still do not collide.
 */
export const WINDOW_MS = 5600;
const INTO_WINDOW_MS = 300;
/** After an IDENTIFY (refused with op 9 or not), the same shard waits at least this long. */
export const SAME_SHARD_GAP_MS = 5500;

export interface SlotQuery {
  shardId: number;
  shardCount: number;
  maxConcurrency: number;
  /** Wall-clock now, ms. */
  now: number;
  /** When this shard last identified, if it did. */
  lastIdentifyAt?: number;
}

/** Milliseconds to wait before this shard's IDENTIFY. */
export function waitForSlot({
  shardId,
  shardCount,
  maxConcurrency,
  now,
  lastIdentifyAt,
}: SlotQuery): number {
  const turns = Math.max(1, Math.ceil(shardCount / Math.max(1, maxConcurrency)));
  const turn = Math.floor(shardId / Math.max(1, maxConcurrency)) % turns;
  const earliest = Math.max(now, (lastIdentifyAt ?? Number.NEGATIVE_INFINITY) + SAME_SHARD_GAP_MS);
  let window = Math.floor((earliest - INTO_WINDOW_MS) / WINDOW_MS);
  for (;;) {
    const at = window * WINDOW_MS + INTO_WINDOW_MS;
    if (window % turns === turn && at >= earliest) return at - now;
    window += 1;
  }
}
