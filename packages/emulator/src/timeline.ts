import type { ActivitySpec, PresenceStatus } from './world/spec.js';

/** A user joining a guild; without `id` the emulator makes a fresh snowflake. */
export interface NewMember {
  id?: string;
  username: string;
  globalName?: string | null;
  nick?: string | null;
  roles?: string[];
  bot?: boolean;
}

/** 429s for every matching request until `endRateLimitStorm` ends them. */
export interface RateLimitStorm {
  /** `'POST /channels/:id/messages'`, a concrete path, or a method-less path; none = any request. */
  route?: string;
  retryAfterMs: number;
  /** `X-RateLimit-Global: true` and scope `global`, as the global (per bot) limit answers. */
  global?: boolean;
  /** `X-RateLimit-Scope` of a route 429 (default `user`). */
  scope?: 'user' | 'shared';
}

/** A burst: the next `count` matching requests get a 429. */
export interface RateLimitRule extends RateLimitStorm {
  count: number;
}

/** The gateway down while REST stays up: sockets dropped, new connections refused. */
export interface GatewayOutage {
  /** Ends by itself after this long; without it, it lasts until `endGatewayOutage`. */
  durationMs?: number;
  /**
   * What a new gateway connection meets: `unavailable` (default), an HTTP 503 answer to the
   * WebSocket upgrade, as from a load balancer; `reset`, the TCP connection reset (ECONNRESET).
   */
  refuse?: 'unavailable' | 'reset';
}

/** Something that happens in the world or to the connection, by name: JSON-able. */
export type TimelineEvent =
  | { type: 'voiceJoin'; userId: string; channelId: string }
  | { type: 'voiceMove'; userId: string; channelId: string }
  | { type: 'voiceLeave'; userId: string; guildId: string }
  | { type: 'memberAdd'; guildId: string; user: NewMember }
  | { type: 'memberRemove'; guildId: string; userId: string }
  | { type: 'presenceUpdate'; userId: string; status: PresenceStatus; activities?: ActivitySpec[] }
  | { type: 'reconnect'; shard?: number }
  | { type: 'dropSocket'; shard?: number }
  | { type: 'invalidSession'; resumable: boolean; shard?: number }
  | { type: 'stopHeartbeatAcks'; shard?: number }
  | { type: 'requestHeartbeat'; shard?: number }
  | ({ type: 'rateLimit' } & RateLimitRule)
  | ({ type: 'rateLimitStorm' } & RateLimitStorm)
  | { type: 'endRateLimitStorm'; route?: string }
  | { type: 'setRestGlobalLimit'; perSecond: number | null }
  | ({ type: 'gatewayOutage' } & GatewayOutage)
  | { type: 'endGatewayOutage' }
  | { type: 'closeGateway'; code: number; shard?: number };

export type TimelineEventType = TimelineEvent['type'];

export interface TimelineEntry {
  /** Milliseconds after the emulator started. */
  at: number;
  /** Repeat every this many ms after `at`, measured from the start (no drift). */
  every?: number;
  /** With `every`: how many times in all (default: forever). */
  times?: number;
  event: TimelineEvent;
}

export interface TimelineHandle {
  stop(): void;
}

/**
 * Fires each entry at `start + at + k·every`. One timer per entry, re-armed after each firing
 * from the start time, so a slow event loop delays a firing but never shifts the schedule.
 * Timers are unref'd: a forgotten emulator must not keep a test process alive.
 */
export function runTimeline(
  entries: readonly TimelineEntry[],
  apply: (event: TimelineEvent) => void,
  onError: (error: unknown, entry: TimelineEntry) => void,
  now: () => number = Date.now,
): TimelineHandle {
  const start = now();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const arm = (entry: TimelineEntry, firing: number): void => {
    if (stopped) return;
    if (entry.times !== undefined && firing >= entry.times) return;
    if (firing > 0 && entry.every === undefined) return;
    const due = start + entry.at + firing * (entry.every ?? 0);
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        if (stopped) return;
        try {
          apply(entry.event);
        } catch (error) {
          onError(error, entry);
        }
        arm(entry, firing + 1);
      },
      Math.max(0, due - now()),
    );
    timer.unref();
    timers.add(timer);
  };

  for (const entry of entries) arm(entry, 0);

  return {
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
