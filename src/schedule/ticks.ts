import type { Schedule } from './schedule.js';
import { cronTicks, parseCron, timeOfDayCron } from './wall-ticks.js';

/**
 * The pure maths of "when is the next run". Ticks are numbers on the loop's own time line:
 * monotonic milliseconds for intervals, epoch milliseconds for wall-clock schedules.
 */
export interface Ticks {
  /** The first tick at or after `start`. */
  first(start: number): number | undefined;
  /** The first tick strictly after `t`; undefined when there is none. */
  after(t: number): number | undefined;
  /** How many ticks fall in (from, to]. */
  countBetween(from: number, to: number): number;
}

/**
 * Interval ticks are t0 + k·every, computed from the start rather than from the previous run,
 * so a run's duration or a late timer never adds up into drift.
 */
export function intervalTicks(everyMs: number, t0: number): Ticks {
  // t0 + k·every, less t0, divided by every is k only up to rounding: the epsilon keeps a tick
  // from counting as the one before it (which would report a phantom missed tick).
  const index = (t: number) => Math.floor((t - t0) / everyMs + 1e-9);
  return {
    first: (start) => Math.max(start, t0),
    after: (t) => (t < t0 ? t0 : t0 + (index(t) + 1) * everyMs),
    countBetween: (from, to) => Math.max(0, index(to) - index(from)),
  };
}

/** The one tick of a `once` schedule: t0. */
const onceTicks = (t0: number): Ticks => ({
  first: (start) => (start <= t0 ? t0 : undefined),
  after: () => undefined,
  countBetween: () => 0,
});

export function ticksFor(schedule: Schedule, t0: number): Ticks {
  switch (schedule.kind) {
    case 'once':
      return onceTicks(t0);
    case 'interval':
      return intervalTicks(schedule.everyMs, t0);
    case 'time':
      return cronTicks(
        schedule.times.map((time) => parseCron(timeOfDayCron(time), schedule.timezone)),
      );
    case 'cron':
      return cronTicks([parseCron(schedule.expression, schedule.timezone)]);
  }
}
