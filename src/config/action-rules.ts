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

// A fixed, ordinary week to measure a schedule on: validation stays pure and repeatable.
const REFERENCE = Date.UTC(2026, 0, 5);
/**
 * A time or cron schedule is sampled over 8 days (weekday rules included), at most 200 runs:
 * enough to meet its busiest stretch, and cheap (each run costs croner ~0.1 ms at start-up).
 */
const SAMPLE_MS = 8 * 86_400_000;
const SAMPLE_RUNS = 200;

/** How a loop's runs fall: its shortest gap, whether all gaps are that, the most in a window. */
interface Spacing {
  gapMs: number;
  regular: boolean;
  /** The most runs that can fall in `windowMs` (a half-open window, as Discord counts). */
  most(windowMs: number): number;
}

function spacingOf(schedule: Schedule): Spacing {
  if (schedule.kind === 'interval') {
    const every = schedule.everyMs;
    return { gapMs: every, regular: true, most: (windowMs) => Math.ceil(windowMs / every) };
  }
  const ticks = ticksFor(schedule, REFERENCE);
  const runs: number[] = [];
  let t = ticks.after(REFERENCE);
  while (t !== undefined && t < REFERENCE + SAMPLE_MS && runs.length < SAMPLE_RUNS) {
    runs.push(t);
    t = ticks.after(t);
  }
  const gaps = runs.slice(1).map((t, i) => t - (runs[i] ?? t));
  return {
    gapMs: Math.min(...gaps),
    regular: gaps.every((gap) => gap === gaps[0]),
    most(windowMs) {
      let most = 0;
      for (let first = 0, last = 0; last < runs.length; last++) {
        while ((runs[last] ?? 0) - (runs[first] ?? 0) >= windowMs) first++;
        most = Math.max(most, last - first + 1);
      }
      return most;
    },
  };
}

/**
 * Loops whose schedule can run their action more often than one of its budgets allows (renames,
 * presence updates, feed polls): a warning at the schedule key, saying how often is fine.
 */
export function actionWarnings(config: Config, registry: ActionRegistry): Problem[] {
  // Once per distinct schedule: 50 wall-clock runs each add up over thousands of loops.
  const spacingFor = memoize(spacingOf, JSON.stringify);
  return config.loops.flatMap((loop, index) => {
    const action = registry.get(loop.action);
    if (!action?.budgets || loop.enabled === false) return [];
    const options = normaliseOptions(action.options, (loop.with ?? {}) as Record<string, unknown>);
    const budgets = action.budgets(options);
    if (budgets.length === 0) return [];
    // In UTC unless the config names a zone: the same answer on every machine.
    const spacing = spacingFor(scheduleOf(loop, loop.timezone ?? config.timezone ?? 'UTC'));
    const key = SCHEDULE_KEYS.find((k) => loop[k] !== undefined) ?? 'action';
    return budgets.flatMap(({ runs, perMs, why }) => {
      const most = spacing.most(perMs);
      if (most <= runs) return [];
      const often = spacing.regular
        ? `every ${formatDuration(spacing.gapMs)}`
        : `${most} times in ${formatDuration(perMs)}`;
      return [
        {
          path: ['loops', index, key],
          at: 'key' as const,
          message: `${loop.action} here can run ${often}, but ${why}: run it every ${formatDuration(Math.ceil(perMs / runs))} or less often`,
        },
      ];
    });
  });
}
