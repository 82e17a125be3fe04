import { Cron } from 'croner';
import type { Ticks } from './ticks.js';

/**
 * Ticks of wall-clock schedules, from croner: it owns the calendar and timezone maths,
 * DST included. A time of day is a fixed-time job, so a time that does not exist that day (spring
 * forward) runs once at the first valid instant after the gap, and a time that occurs twice
 * (fall back) runs once, at its first occurrence. Cron jobs follow croner's Vixie-cron rules:
 * fixed-time jobs as above, stepped or wildcard ones keep their real-time rhythm.
 */
const CRON_OPTIONS = { paused: true, mode: '5-or-6-parts', fixedTimeRule: 'no-wildcard' } as const;

/** A cron expression parsed for `timezone` (local time without one); throws croner's error when it is invalid. */
export function parseCron(expression: string, timezone?: string): Cron {
  return new Cron(
    expression,
    timezone === undefined ? CRON_OPTIONS : { ...CRON_OPTIONS, timezone },
  );
}

/** "09:00" / "21:30:15" → the fixed-time cron "0 0 9 * * *" / "15 30 21 * * *". */
export function timeOfDayCron(time: string): string {
  const [hours, minutes, seconds = '0'] = time.split(':');
  return `${Number(seconds)} ${Number(minutes)} ${Number(hours)} * * *`;
}

/** Ticks from one or more crons: the earliest next run of any of them. */
export function cronTicks(crons: Cron[]): Ticks {
  const after = (t: number) => {
    let next: number | undefined;
    for (const cron of crons) {
      const run = cron.nextRun(new Date(t))?.getTime();
      if (run !== undefined && (next === undefined || run < next)) next = run;
    }
    return next;
  };
  return {
    first: (start) => after(start),
    after,
    countBetween(from, to) {
      // Enumerated: a long pause on a fast cron is capped rather than counted to the last tick.
      let count = 0;
      for (let t = after(from); t !== undefined && t <= to && count < 10_000; t = after(t)) count++;
      return count;
    },
  };
}
