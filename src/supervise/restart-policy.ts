/**
 * When a crashed child of `run --processes` starts again (SPEC §9): after 1 s, doubling with
 * each crash in a row up to 60 s; a child that ran a minute or more before crashing starts over
 * at 1 s. Five crashes of the same child within a minute mean something is wrong that restarting
 * will not fix (and each restart spends one of the bot's daily session starts): give up.
 */
export const FIRST_DELAY_MS = 1000;
export const MAX_DELAY_MS = 60_000;
export const CRASH_WINDOW_MS = 60_000;
export const MAX_CRASHES = 5;

/** What is known of one child's crashes: their times (monotonic ms) and how many in a row. */
export interface CrashRecord {
  times: number[];
  streak: number;
}

export const noCrashes = (): CrashRecord => ({ times: [], streak: 0 });

export type AfterCrash =
  | { restart: true; delayMs: number; record: CrashRecord; recent: number }
  | { restart: false; record: CrashRecord; recent: number };

/** The decision after a crash at `now`, for a child that had been up since `startedAt`. */
export function afterCrash(record: CrashRecord, startedAt: number, now: number): AfterCrash {
  const times = [...record.times, now].filter((at) => now - at < CRASH_WINDOW_MS);
  const streak = now - startedAt >= CRASH_WINDOW_MS ? 1 : record.streak + 1;
  const next = { times, streak };
  if (times.length >= MAX_CRASHES) return { restart: false, record: next, recent: times.length };
  const delayMs = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (streak - 1));
  return { restart: true, delayMs, record: next, recent: times.length };
}
