import cronstrue from 'cronstrue';
import type { LoopPlan, Schedule } from './schedule.js';
import { ticksFor } from './ticks.js';

const UNITS = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
] as const;

/** 5400000 → "1h30m", 1500 → "1s500ms": how discloop speaks of durations. */
export function formatDuration(ms: number): string {
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of UNITS) {
    const amount = Math.floor(rest / size);
    if (amount > 0) parts.push(`${amount}${unit}`);
    rest -= amount * size;
  }
  if (rest > 0 || parts.length === 0) parts.push(`${Math.round(rest)}ms`);
  return parts.join('');
}

const list = (items: string[]) =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** The schedule in words: "every 10s", "every day at 09:00 and 21:30 (Europe/Moscow)". */
export function describeSchedule(schedule: Schedule): string {
  switch (schedule.kind) {
    case 'once':
      return 'once';
    case 'interval':
      return `every ${formatDuration(schedule.everyMs)}`;
    case 'time':
      return `every day at ${list([...schedule.times].sort())} (${schedule.timezone ?? 'local time'})`;
    case 'cron': {
      const words = cronstrue.toString(schedule.expression, { use24HourTimeFormat: true });
      return `${words.charAt(0).toLowerCase()}${words.slice(1)} (cron "${schedule.expression}", ${schedule.timezone ?? 'local time'})`;
    }
  }
}

/** The modifiers that change how the loop runs, in words; empty when all are defaults. */
export function describeModifiers(plan: LoopPlan): string[] {
  const words: string[] = [];
  if (plan.count !== undefined) words.push(`${plan.count} run${plan.count === 1 ? '' : 's'}`);
  if (plan.jitterMs) words.push(`jitter up to ${formatDuration(plan.jitterMs)}`);
  if (plan.timeoutMs) words.push(`timeout ${formatDuration(plan.timeoutMs)}`);
  if (plan.overlap !== 'skip') words.push(`overlap: ${plan.overlap}`);
  if (plan.onError !== 'continue') words.push(`stops at the first failure`);
  return words;
}

/**
 * The first `n` runs of a loop started at `now` (epoch ms). Intervals run at once, then every
 * interval; wall-clock schedules at their next times. Stops early when `count` runs are listed.
 */
export function nextRuns(plan: LoopPlan, now: number, n: number): number[] {
  const ticks = ticksFor(plan.schedule, now);
  const limit = Math.min(n, plan.count ?? n);
  const runs: number[] = [];
  for (let t = ticks.first(now); t !== undefined && runs.length < limit; t = ticks.after(t))
    runs.push(t);
  return runs;
}
