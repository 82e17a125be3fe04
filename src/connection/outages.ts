import type { ConnectionEvent } from './session.js';

/**
 * Turns what the gateway does during an outage into what a person wants to read: one
 * `disconnect` when a shard's connection is lost, one `reconnect` when it is back (how long it
 * was down, after how many attempts). Each failed attempt in between is a debug line (-v), not
 * another disconnect: a 30 s outage is two events, not sixty.
 */
export function outageTracker(now: () => number) {
  const down = new Map<number, { since: number; attempts: number }>();
  return {
    /** The shard's connection closed (`code`), and discord.js will try again. */
    lost(shard: number, code: number | undefined): ConnectionEvent {
      const outage = down.get(shard);
      if (!outage) {
        down.set(shard, { since: now(), attempts: 1 });
        return { type: 'disconnect', shard, code };
      }
      outage.attempts += 1;
      const why = code === undefined ? '' : ` (closed with ${code})`;
      return {
        type: 'debug',
        message: `Shard ${shard}: reconnect attempt ${outage.attempts - 1} failed${why}; trying again`,
      };
    },
    /** The shard is connected again; nothing to say if it was never reported down. */
    back(shard: number, resumed: boolean): ConnectionEvent | undefined {
      const outage = down.get(shard);
      if (!outage) return undefined;
      down.delete(shard);
      return {
        type: 'reconnect',
        shard,
        resumed,
        downMs: now() - outage.since,
        attempts: outage.attempts,
      };
    },
    /** Shards that are down now, with when they went down (for health checks). */
    downSince: (shard: number) => down.get(shard)?.since,
  };
}
