import type { Ticks } from './ticks.js';

/** What to do about slots missed while discloop was down (SPEC §8). */
export type CatchUp = 'latest' | 'skip' | 'all';

/** `all` runs at most this many missed slots: a week of a 1-minute loop is not worth replaying. */
export const MAX_CATCH_UP_RUNS = 100;

export interface CatchUpPlan {
  /** Missed slots to run now, oldest first. */
  run: number[];
  /** How many missed slots will not run, and the first of them. */
  skipped: number;
  firstSkipped: number | undefined;
}

/**
 * The slots in (last, now] on the loop's time line, and which of them run: `latest` runs the
 * most recent one if it fell within `windowMs` of now, `all` each one within the window (oldest
 * first, at most 100), `skip` none. The window defaults to one period of the schedule.
 */
export function planCatchUp(
  ticks: Ticks,
  last: number,
  now: number,
  policy: CatchUp,
  windowMs?: number,
): CatchUpPlan {
  const first = ticks.after(last);
  if (first === undefined || first > now) return { run: [], skipped: 0, firstSkipped: undefined };
  const missed = ticks.countBetween(last, now);
  const window = windowMs ?? period(ticks, last, first);
  const inWindow = (t: number) => t > now - window;
  const run: number[] = [];
  if (policy === 'all') {
    for (let t: number | undefined = first; t !== undefined && t <= now; t = ticks.after(t)) {
      if (inWindow(t)) run.push(t);
      if (run.length === MAX_CATCH_UP_RUNS) break;
    }
  } else if (policy === 'latest') {
    const latest = latestSlot(ticks, first, now);
    if (inWindow(latest)) run.push(latest);
  }
  const running = new Set(run);
  let firstSkipped: number | undefined = first;
  while (firstSkipped !== undefined && running.has(firstSkipped))
    firstSkipped = ticks.after(firstSkipped);
  const skipped = Math.max(0, missed - run.length);
  return { run, skipped, firstSkipped: skipped > 0 ? firstSkipped : undefined };
}

/** One period of the schedule: from the first missed slot to the one after it. */
function period(ticks: Ticks, last: number, first: number): number {
  const after = ticks.after(first);
  return after === undefined ? first - last : after - first;
}

/**
 * The last slot at or before `now`, by bisection on `after` rather than by walking every slot
 * in between: a year of a 1-second cron is thirty million of them.
 */
function latestSlot(ticks: Ticks, first: number, now: number): number {
  let lo = first; // after(lo) may be past now; lo itself is a slot ≤ now
  let hi = now;
  if ((ticks.after(lo) ?? Number.POSITIVE_INFINITY) > now) return first;
  for (let i = 0; i < 80 && hi - lo > 0.0005; i++) {
    const mid = (lo + hi) / 2;
    if ((ticks.after(mid) ?? Number.POSITIVE_INFINITY) <= now) lo = mid;
    else hi = mid;
  }
  return ticks.after(lo) ?? first;
}
