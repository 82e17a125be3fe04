import { normaliseOptions } from '../actions/options.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { ActionDefinition } from '../actions/types.js';
import { memoize } from '../memoize.js';
import { formatDuration } from '../schedule/describe.js';
import type { Schedule } from '../schedule/schedule.js';
import { ticksFor } from '../schedule/ticks.js';
import { scheduleOf } from './plans.js';
import { type Problem, valueAt } from './problems.js';
import { type Config, SCHEDULE_KEYS } from './schema.js';

/** The action a loop of the raw config names, if the registry has it. */
export function actionOf(loop: unknown, registry: ActionRegistry): ActionDefinition | undefined {
  const name = valueAt(loop, ['action']);
  return typeof name === 'string' ? registry.get(name) : undefined;
}

/**
 * Rules that belong to an action rather than to the config's shape: combinations of options
 * (send-message needs content or an embed) and limits Discord sets (renames every 5 minutes).
 */
export function actionOptionProblems(raw: unknown, registry: ActionRegistry): Problem[] {
  const loops = valueAt(raw, ['loops']);
  if (!Array.isArray(loops)) return [];
  return loops.flatMap((loop: unknown, index) => {
    const action = actionOf(loop, registry);
    const options = valueAt(loop, ['with']) ?? {};
    if (!action?.problems || typeof options !== 'object') return [];
    const found = action.problems(
      normaliseOptions(action.options, options as Record<string, unknown>),
    );
    return found.map(({ message }) => ({
      path: ['loops', index, 'with' in (loop as object) ? 'with' : 'action'],
      message,
    }));
  });
}

// A fixed, ordinary week to measure a schedule's gaps on: validation stays pure and repeatable.
const REFERENCE = Date.UTC(2026, 0, 5);

/** The shortest time between two runs of a schedule, over its next 50 runs. */
function shortestGapMs(schedule: Schedule): number {
  if (schedule.kind === 'interval') return schedule.everyMs;
  const ticks = ticksFor(schedule, REFERENCE);
  let shortest = Number.POSITIVE_INFINITY;
  let previous = ticks.after(REFERENCE);
  for (let i = 0; i < 50 && previous !== undefined; i++) {
    const next = ticks.after(previous);
    if (next === undefined) break;
    shortest = Math.min(shortest, next - previous);
    previous = next;
  }
  return shortest;
}

export function actionWarnings(config: Config, registry: ActionRegistry): Problem[] {
  // Once per distinct schedule: 50 wall-clock runs each add up over thousands of loops.
  const gapOf = memoize(shortestGapMs, JSON.stringify);
  return config.loops.flatMap((loop, index) => {
    const limit = registry.get(loop.action)?.minIntervalMs;
    if (!limit || loop.enabled === false) return [];
    // In UTC unless the config names a zone: the same answer on every machine.
    const gap = gapOf(scheduleOf(loop, loop.timezone ?? config.timezone ?? 'UTC'));
    if (gap >= limit.ms) return [];
    const key = SCHEDULE_KEYS.find((k) => loop[k] !== undefined) ?? 'action';
    return [
      {
        path: ['loops', index, key],
        at: 'key' as const,
        message: `${loop.action} here can run every ${formatDuration(gap)}, but ${limit.why}: run it every ${formatDuration(limit.ms)} or less often`,
      },
    ];
  });
}
