import { createHash } from 'node:crypto';
import type { RateLimitRule, RateLimitStorm } from '../timeline.js';

export interface Limit {
  count: number;
  windowMs: number;
}

/**
 * Per-route bucket sizes: Discord's well-known 5 messages per 5 s per channel, tighter ones for
 * deleting (old messages tightest: Discord buckets their single deletes apart), generous
 * elsewhere. Discord does not publish the others; these are of the order bots observe.
 */
export const DEFAULT_BUCKET_LIMITS: Record<string, Limit> = {
  'POST /channels/:id/messages': { count: 5, windowMs: 5_000 },
  'PATCH /channels/:id': { count: 10, windowMs: 10_000 },
  'DELETE /channels/:id/messages/:messageId': { count: 5, windowMs: 1_000 },
  'DELETE /channels/:id/messages/:messageId (old)': { count: 30, windowMs: 3_000 },
  'POST /channels/:id/messages/bulk-delete': { count: 3, windowMs: 3_000 },
  '*': { count: 50, windowMs: 1_000 },
};

/** Channel name/topic changes: 2 per 10 minutes per channel. */
export const DEFAULT_RENAME_LIMIT: Limit = { count: 2, windowMs: 600_000 };

interface Bucket {
  hash: string;
  limit: number;
  windowMs: number;
  used: number;
  resetAt: number;
}

export interface BucketState {
  hash: string;
  limit: number;
  remaining: number;
  resetAt: number;
}

export interface ScriptedLimit {
  retryAfterMs: number;
  global: boolean;
  scope: 'user' | 'shared';
}

export const seconds = (ms: number) => (Math.max(0, ms) / 1000).toFixed(3);

/**
 * REST rate limits: fixed-window buckets per route and major parameter (what the
 * X-RateLimit-* headers describe), the channel-rename sub-limit, and 429s scripted by tests.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #renames = new Map<string, number[]>();
  /** Scripted 429s, bursts and storms, first match first; a storm has `left: Infinity`. */
  readonly #rules: (RateLimitStorm & { left: number })[] = [];
  /** Requests per second per token, all routes together; null: no global limit. */
  #globalLimit: number | null = null;
  readonly #globalWindows = new Map<string, { start: number; used: number }>();

  constructor(
    private readonly bucketLimits: Record<string, Limit>,
    private readonly renameLimit: Limit,
    private readonly now: () => number = Date.now,
  ) {}

  script(rule: RateLimitRule): void {
    if (!(rule.count >= 1) || !(rule.retryAfterMs >= 0)) {
      throw new RangeError('rateLimit: count must be ≥ 1 and retryAfterMs ≥ 0');
    }
    const { count, ...storm } = rule;
    this.#rules.push({ ...storm, left: count });
  }

  /** Every matching request gets a 429 until `endStorms` ends the storm. */
  storm(storm: RateLimitStorm): void {
    if (!(storm.retryAfterMs >= 0))
      throw new RangeError('rateLimitStorm: retryAfterMs must be ≥ 0');
    this.#rules.push({ ...storm, left: Number.POSITIVE_INFINITY });
  }

  /** Ends the storms on `route` (as given when they started), or every storm; returns how many. */
  endStorms(route?: string): number {
    const ended = this.#rules.filter(
      (r) => r.left === Number.POSITIVE_INFINITY && (route === undefined || r.route === route),
    );
    for (const rule of ended) this.#rules.splice(this.#rules.indexOf(rule), 1);
    return ended.length;
  }

  /** Discord's global limit (50 per second per bot there); null lifts it. */
  setGlobalLimit(perSecond: number | null): void {
    if (perSecond !== null && !(Number.isInteger(perSecond) && perSecond >= 1)) {
      throw new RangeError('restGlobalLimitPerSecond must be a whole number ≥ 1, or null');
    }
    this.#globalLimit = perSecond;
    this.#globalWindows.clear();
  }

  /** Counts a request against its token's global limit: the ms to wait when over it, else 0. */
  takeGlobal(token: string): number {
    if (this.#globalLimit === null) return 0;
    const now = this.now();
    let window = this.#globalWindows.get(token);
    if (!window || now >= window.start + 1_000) {
      window = { start: now, used: 0 };
      this.#globalWindows.set(token, window);
    }
    if (window.used >= this.#globalLimit) return window.start + 1_000 - now;
    window.used += 1;
    return 0;
  }

  /** Consumes one scripted 429 matching this request, if any. */
  takeScripted(method: string, template: string, path: string): ScriptedLimit | null {
    const rule = this.#rules.find((r) => routeMatches(r.route, method, template, path));
    if (!rule) return null;
    rule.left -= 1;
    if (rule.left === 0) this.#rules.splice(this.#rules.indexOf(rule), 1);
    return {
      retryAfterMs: rule.retryAfterMs,
      global: rule.global ?? false,
      scope: rule.scope ?? 'user',
    };
  }

  /**
   * Counts a request against its bucket, `key` as in `bucketLimits` (`'POST /channels/:id'`);
   * `exhausted` means it must be answered with a 429.
   */
  take(key: string, major: string, consume = true): BucketState & { exhausted: boolean } {
    const now = this.now();
    let bucket = this.#buckets.get(`${key} ${major}`);
    if (!bucket || now >= bucket.resetAt) {
      const limit = this.bucketLimits[key] ?? this.bucketLimits['*'] ?? DEFAULT_BUCKET_LIMITS['*'];
      if (!limit) throw new Error('no default bucket limit');
      bucket = {
        hash: createHash('md5').update(key).digest('hex'),
        limit: limit.count,
        windowMs: limit.windowMs,
        used: 0,
        resetAt: now + limit.windowMs,
      };
      this.#buckets.set(`${key} ${major}`, bucket);
    }
    const exhausted = bucket.used >= bucket.limit;
    if (!exhausted && consume) bucket.used += 1;
    return {
      hash: bucket.hash,
      limit: bucket.limit,
      remaining: bucket.limit - bucket.used,
      resetAt: bucket.resetAt,
      exhausted,
    };
  }

  /** Milliseconds until this channel may be renamed again, or 0 when it may now. */
  renameWait(channelId: string): number {
    const now = this.now();
    const recent = (this.#renames.get(channelId) ?? []).filter(
      (at) => now - at < this.renameLimit.windowMs,
    );
    this.#renames.set(channelId, recent);
    if (recent.length < this.renameLimit.count) return 0;
    return (recent[0] ?? now) + this.renameLimit.windowMs - now;
  }

  recordRename(channelId: string): void {
    const list = this.#renames.get(channelId) ?? [];
    list.push(this.now());
    this.#renames.set(channelId, list);
  }

  bucketHeaders(state: BucketState): Record<string, string> {
    const now = this.now();
    return {
      'X-RateLimit-Limit': String(state.limit),
      'X-RateLimit-Remaining': String(state.remaining),
      'X-RateLimit-Reset': seconds(state.resetAt),
      'X-RateLimit-Reset-After': seconds(state.resetAt - now),
      'X-RateLimit-Bucket': state.hash,
    };
  }
}

export type RateLimitScope = 'user' | 'shared' | 'global';

/**
 * A 429 as Discord sends it: `Retry-After` (seconds, with milliseconds so tests can use short
 * waits), `X-RateLimit-Scope`, and either the route's bucket headers or, for the global limit,
 * `X-RateLimit-Global` and no bucket.
 */
export function rateLimited(
  retryAfterMs: number,
  scope: RateLimitScope,
  bucketHeaders: Record<string, string> = {},
): { status: 429; body: Record<string, unknown>; headers: Record<string, string> } {
  const global = scope === 'global';
  return {
    status: 429,
    body: {
      message: 'You are being rate limited.',
      retry_after: Number(seconds(retryAfterMs)),
      global,
    },
    headers: {
      ...(global ? { 'X-RateLimit-Global': 'true' } : bucketHeaders),
      'Retry-After': seconds(retryAfterMs),
      'X-RateLimit-Scope': scope,
    },
  };
}

function routeMatches(
  rule: string | undefined,
  method: string,
  template: string,
  path: string,
): boolean {
  if (!rule) return true;
  const [first, ...rest] = rule.trim().split(/\s+/);
  const hasMethod = rest.length > 0;
  const ruleMethod = hasMethod ? first?.toUpperCase() : undefined;
  const rulePath = (hasMethod ? rest.join(' ') : (first ?? '')).replace(/^\/api\/v\d+/, '');
  if (ruleMethod && ruleMethod !== method) return false;
  return rulePath === template || rulePath === path;
}
