import { AsyncLocalStorage } from 'node:async_hooks';
import { DefaultRestOptions, type RateLimitData, type RESTOptions } from '@discordjs/rest';
import type { ConnectionEvent, RunScope } from '../connection/session.js';

/**
 * The run a REST request belongs to, followed through @discordjs/rest's queues by async
 * context: its rate-limit hook and its network call then know which loop asked, whether the run
 * was cut off, and can mark that a change may have reached Discord (an `unknown` outcome).
 */
const currentRun = new AsyncLocalStorage<RunScope>();

export const inRun = <T>(scope: RunScope, work: () => T): T => currentRun.run(scope, work);

/** Short 429s are waited out; a longer one (a rename sub-limit: minutes) fails the run instead. */
const MAX_RATE_LIMIT_WAIT_MS = 10_000;

/** Ids in a route become `:id`: a route template names the limit without a label per channel. */
export const routeTemplate = (route: string) => route.replace(/\d{16,20}/g, ':id');

/** Hits on a route this soon after the last one's wait ended belong to the same limit. */
const SAME_LIMIT_MS = 1000;

/**
 * The REST options of a session: requests carry their run's context, and each rate limit is
 * reported once (per route and scope) however many requests wait on it and however many 429s
 * follow each other: a storm is one line, a limit that comes back after a calm is another.
 */
export function restOptions(
  apiUrl: string,
  onEvent: (event: ConnectionEvent) => void,
  now: () => number = Date.now,
): Partial<RESTOptions> {
  const limitedUntil = new Map<string, number>();
  const report = (limit: RateLimitData) => {
    const run = currentRun.getStore();
    const waitMs = Math.max(limit.retryAfter, limit.sublimitTimeout);
    if (run) run.heldMs += waitMs;
    const route = routeTemplate(limit.route);
    const scope = limit.global ? 'global' : limit.scope;
    const key = `${limit.method} ${route} ${scope}`;
    const ongoing = (limitedUntil.get(key) ?? Number.NEGATIVE_INFINITY) + SAME_LIMIT_MS > now();
    limitedUntil.set(key, Math.max(limitedUntil.get(key) ?? 0, now() + waitMs));
    if (ongoing) return;
    onEvent({
      type: 'rate-limit',
      route: `${limit.method.toUpperCase()} ${route}`,
      scope,
      retryAfterMs: Math.round(waitMs),
      ...(run ? { loop: run.loop } : {}),
    });
  };
  return {
    api: apiUrl,
    makeRequest(url, init) {
      const run = currentRun.getStore();
      const method = (init.method ?? 'GET').toUpperCase();
      // An aborted request is refused before it is sent; any other change may reach Discord.
      if (run && method !== 'GET' && !init.signal?.aborted) run.effects.sent = true;
      return DefaultRestOptions.makeRequest(url, init);
    },
    rejectOnRateLimit(limit) {
      report(limit);
      // A cut-off run stops waiting at once; a long wait fails the run with the wait in its message.
      if (currentRun.getStore()?.signal.aborted) return true;
      return Math.max(limit.retryAfter, limit.sublimitTimeout) > MAX_RATE_LIMIT_WAIT_MS;
    },
  };
}
