/**
 * Discord's session start limit: `max_concurrency` buckets (`shard_id % max_concurrency`),
 * each taking one IDENTIFY per 5 s — an earlier one gets op 9 `d: false` and starts nothing —
 * and `total` session starts a day, after which Discord ends every session and resets the
 * token. The bucket's clock counts from the last IDENTIFY it accepted.
 */
export interface SessionStartRules {
  /** One IDENTIFY per bucket per this many ms (Discord: 5000); null: not enforced. */
  intervalMs: number | null;
  /** Session starts per day (Discord: 1000 for most bots); null: counted, never enforced. */
  total: number | null;
}

export type Admission =
  | { ok: true }
  /** Too soon after the bucket's last IDENTIFY: op 9. */
  | { ok: false; reason: 'too-soon'; bucket: number; sinceMs: number }
  /** The day's session starts are used up. */
  | { ok: false; reason: 'exhausted' };

export interface SessionStartLimitObject {
  total: number;
  remaining: number;
  reset_after: number;
  max_concurrency: number;
}

export const IDENTIFY_INTERVAL_MS = 5_000;
export const SESSION_START_TOTAL = 1_000;
const DAY_MS = 86_400_000;

export class SessionStarts {
  readonly #lastInBucket = new Map<number, number>();
  #started = 0;
  /** When the current day's count began: the first session start after the last reset. */
  #dayStart: number | null = null;

  constructor(
    private readonly rules: SessionStartRules,
    private readonly maxConcurrency: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  /** May shard `shardId` start a session now? When it may, the start is counted. */
  admit(shardId: number): Admission {
    const now = this.#rollDay();
    const bucket = shardId % this.maxConcurrency();
    const last = this.#lastInBucket.get(bucket);
    const { intervalMs, total } = this.rules;
    if (intervalMs !== null && last !== undefined && now - last < intervalMs)
      return { ok: false, reason: 'too-soon', bucket, sinceMs: now - last };
    if (total !== null && this.#started >= total) return { ok: false, reason: 'exhausted' };
    this.#lastInBucket.set(bucket, now);
    this.#started += 1;
    this.#dayStart ??= now;
    return { ok: true };
  }

  /** `/gateway/bot`'s `session_start_limit`. */
  describe(): SessionStartLimitObject {
    const now = this.#rollDay();
    const total = this.rules.total ?? SESSION_START_TOTAL;
    return {
      total,
      remaining: Math.max(0, total - this.#started),
      reset_after: this.#dayStart === null ? DAY_MS : this.#dayStart + DAY_MS - now,
      max_concurrency: this.maxConcurrency(),
    };
  }

  #rollDay(): number {
    const now = this.now();
    if (this.#dayStart !== null && now - this.#dayStart >= DAY_MS) {
      this.#dayStart = null;
      this.#started = 0;
    }
    return now;
  }
}
