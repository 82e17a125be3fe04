import { type ClientOptions, Collection, LimitedCollection } from 'discord.js';
import type { CachePlan } from '../connection/cache-plan.js';

/**
 * The discord.js cache factory for a plan: every never-read cache is one shared empty
 * collection. discord.js gives each guild and channel a dozen managers, and allocating an
 * empty collection for each was a fifth of a big bot's heap (BENCHMARKS.md). Channel, role
 * and overwrite caches stay whole: discord.js does not support limiting them.
 */
export function makeCache(plan: CachePlan): NonNullable<ClientOptions['makeCache']> {
  const nothing = new LimitedCollection({ maxSize: 0 });
  const never = new Set(plan.neverRead);
  return (_type, _holds, manager) =>
    (never.has(manager.name) ? nothing : new Collection()) as never;
}
