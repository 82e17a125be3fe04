import type { CatchUp } from './catch-up.js';

/**
 * When a loop runs. Exactly one kind per loop (SPEC §2). Without a timezone, times are this
 * machine's local time, read without loading ICU's timezone data (megabytes of memory).
 */
export type Schedule =
  /** A single run as soon as the loop starts (an ad hoc `--once`). */
  | { kind: 'once' }
  | { kind: 'interval'; everyMs: number }
  | { kind: 'time'; times: string[]; timezone?: string }
  | { kind: 'cron'; expression: string; timezone?: string };

export type Overlap = 'skip' | 'wait' | 'allow';
export type OnError = 'continue' | 'stop';

/** A loop as the scheduler sees it: its schedule and the modifiers that shape its runs. */
export interface LoopPlan {
  name: string;
  schedule: Schedule;
  count?: number;
  jitterMs?: number;
  timeoutMs?: number;
  overlap: Overlap;
  onError: OnError;
  /** Extra attempts after a transient failure (network, 5xx, rate limit, timeout). */
  retry?: number;
  /** The first retry's delay, doubling (default 1 s). */
  retryDelayMs?: number;
  /** Slots missed while discloop was down: run the latest (default), each, or none (SPEC §8). */
  catchUp?: CatchUp;
  /** How far back a missed slot still counts; default one period. */
  catchUpWindowMs?: number;
}

/** Which clock a schedule is measured on: intervals are monotonic, times of day are wall-clock. */
export function usesWallClock(schedule: Schedule): boolean {
  return schedule.kind === 'time' || schedule.kind === 'cron';
}
