import { DiscloopError, failureKind, RunTimeoutError } from '../errors.js';
import type { Clock } from './clock.js';

/** One attempt's request, as the task sees it (see RunRequest). */
export interface AttemptRequest {
  signal: AbortSignal;
  started(): void;
  effects: { sent: boolean };
}

export interface RunPolicy {
  timeoutMs?: number;
  /** Extra attempts after a transient failure (SPEC §8 `retry`). */
  retry?: number;
  /** The first retry's delay, doubling after each (default 1 s). */
  retryDelayMs?: number;
}

export type RunResult = { startedAt: number; attempts: number } & (
  | { ok: true; value: unknown }
  | { ok: false; error: unknown; outcome?: 'unknown' }
);

const DEFAULT_RETRY_DELAY_MS = 1000;

/**
 * One run of a loop: its attempts, each with the run's timeout and its own abort signal.
 * A transient failure (the network, Discord's 5xx, a long rate limit, a timeout) is tried
 * again after a doubling delay with jitter, unless the next slot would come first; a refusal or
 * a bug is not, and neither is a run whose request may already have reached Discord (no double
 * posts). `cut` ends it at once (a shutdown): reported as unknown if it had sent something.
 */
export function startRun(
  task: (request: AttemptRequest) => unknown,
  policy: RunPolicy,
  deps: {
    clock: Clock;
    /** Wall time now, for `startedAt`. */
    now: () => number;
    /** Milliseconds until the loop's next slot; none: no retry limit from the schedule. */
    untilNextSlot: () => number | undefined;
    onDone: (result: RunResult) => void;
  },
): { cut(error: Error): void } {
  const { clock } = deps;
  let startedAt = deps.now();
  let attempts = 0;
  let settled = false;
  let controller = new AbortController();
  let effects = { sent: false };
  let timer: unknown;

  const finish = (
    outcome: { ok: true; value: unknown } | { ok: false; error: unknown; outcome?: 'unknown' },
  ) => {
    if (settled) return;
    settled = true;
    if (timer !== undefined) clock.clearTimer(timer);
    deps.onDone({ ...outcome, startedAt, attempts });
  };
  /**
   * An attempt failed. When a request that changes something had been sent, Discord's own
   * refusal (a 4xx) means it had no effect; a cut-off, a 5xx, a dropped connection or a bug
   * leaves it unknown whether it did.
   */
  const failed = (error: unknown, cutOff = false) => {
    if (settled) return;
    if (timer !== undefined) clock.clearTimer(timer);
    const answered =
      !cutOff && error instanceof DiscloopError && failureKind(error) !== 'transient';
    const mayHaveEffect = effects.sent && !answered;
    const unknown = mayHaveEffect ? ({ outcome: 'unknown' } as const) : {};
    const delay = retryDelay(policy, attempts, clock.random());
    const next = deps.untilNextSlot();
    const retry =
      attempts <= (policy.retry ?? 0) &&
      !mayHaveEffect &&
      failureKind(error) === 'transient' &&
      (next === undefined || delay < next);
    if (!retry) return finish({ ok: false, error, ...unknown });
    timer = clock.setTimer(attempt, delay);
  };

  function attempt() {
    attempts += 1;
    controller = new AbortController();
    effects = { sent: false };
    const mine = controller;
    if (policy.timeoutMs !== undefined) {
      const ms = policy.timeoutMs;
      timer = clock.setTimer(() => {
        mine.abort(new RunTimeoutError(ms));
        failed(new RunTimeoutError(ms), true);
      }, ms);
    }
    const started = () => {
      startedAt = deps.now();
    };
    let result: Promise<unknown>;
    try {
      result = Promise.resolve(task({ signal: mine.signal, started, effects }));
    } catch (error) {
      result = Promise.reject(error);
    }
    // An attempt cut off by its timeout may still settle later: it is no longer this run's.
    result.then(
      (value) => {
        if (mine === controller && !mine.signal.aborted) finish({ ok: true, value });
      },
      (error: unknown) => {
        if (mine === controller && !mine.signal.aborted) failed(error);
      },
    );
  }

  // Called right away rather than from a microtask: with many loops due at once, each run
  // starts before the next loop's bookkeeping, and there are fewer promises to collect.
  attempt();
  return {
    cut(error) {
      controller.abort(error);
      finish({ ok: false, error, ...(effects.sent ? { outcome: 'unknown' as const } : {}) });
    },
  };
}

/** The delay before retry n (1-based): base · 2^(n−1), give or take a fifth. */
function retryDelay(policy: RunPolicy, attempt: number, random: number): number {
  const base = (policy.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS) * 2 ** (attempt - 1);
  return Math.round(base * (0.8 + 0.4 * random));
}
