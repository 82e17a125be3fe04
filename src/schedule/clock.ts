/**
 * Everything the scheduler needs from the outside world. Tests pass a fake; `systemClock`
 * is the real one. Intervals are measured on `monotonic()` so wall-clock jumps cannot bunch
 * or stretch them; `time` and `cron` schedules follow `now()`.
 */
export interface Clock {
  /** Wall-clock time, epoch milliseconds. */
  now(): number;
  /** Monotonic milliseconds from an arbitrary origin. */
  monotonic(): number;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** A number in [0, 1), for jitter. */
  random(): number;
}
