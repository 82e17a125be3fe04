/** Discord's epoch: the first second of 2015, in Unix milliseconds. */
export const DISCORD_EPOCH = 1_420_070_400_000;

/**
 * Builds a Discord snowflake from a Unix timestamp (ms) and a 12-bit increment.
 * Real clients rely on ids being 17–19 digits (REST buckets, sharding), so every id the
 * emulator makes goes through here rather than being a small counter.
 */
export function snowflake(timestampMs: number, increment = 0, workerId = 1, processId = 0): string {
  if (timestampMs < DISCORD_EPOCH) {
    throw new RangeError(`snowflake timestamp ${timestampMs} is before the Discord epoch`);
  }
  const time = BigInt(Math.floor(timestampMs - DISCORD_EPOCH)) << 22n;
  const worker = BigInt(workerId & 0x1f) << 17n;
  const process = BigInt(processId & 0x1f) << 12n;
  return (time | worker | process | BigInt(increment & 0xfff)).toString();
}

/** The Unix timestamp (ms) a snowflake was made at. */
export function snowflakeTime(id: string): number {
  return Number(BigInt(id) >> 22n) + DISCORD_EPOCH;
}

/** Which shard receives a guild's events: `(guild_id >> 22) % num_shards`, as Discord documents. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** True when `id` looks like a real snowflake: 17–20 decimal digits. */
export function isSnowflake(id: unknown): id is string {
  return typeof id === 'string' && /^\d{17,20}$/.test(id);
}

/** Hands out increasing snowflakes for things created while the emulator runs (messages, members). */
export class SnowflakeSequence {
  #lastMs = 0;
  #increment = 0;

  constructor(private readonly now: () => number = Date.now) {}

  next(): string {
    const ms = Math.max(this.now(), this.#lastMs);
    this.#increment = ms === this.#lastMs ? this.#increment + 1 : 0;
    if (this.#increment > 0xfff) {
      this.#lastMs = ms + 1;
      this.#increment = 0;
    } else {
      this.#lastMs = ms;
    }
    return snowflake(this.#lastMs, this.#increment);
  }
}
