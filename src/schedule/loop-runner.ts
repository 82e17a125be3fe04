import { failureKind, RunCancelledError } from '../errors.js';
import { planCatchUp } from './catch-up.js';
import type { Clock } from './clock.js';
import { startRun } from './run-attempts.js';
import { type LoopPlan, usesWallClock } from './schedule.js';
import { type Ticks, ticksFor } from './ticks.js';

/**
 * The timer loop: one capped timer at a time, re-checked against the clock before a run
 * starts, so a sleeping laptop, a clock jump or Node's 24.8-day timer limit cannot make a
 * loop fire early, twice or never. Missed ticks are skipped and reported, never bunched up.
 */
const MAX_TIMER_MS = 30_000;
/** A loop Discord keeps refusing runs at most this rarely. */
const MAX_BACKOFF_MS = 3_600_000;

/** Times are wall-clock epoch milliseconds. */
export interface RunRecord {
  loop: string;
  iteration: number;
  scheduledAt: number;
  startedAt: number;
  finishedAt: number;
  /** A slot missed while discloop was down, run late on purpose (`catchUp`). */
  catchUp?: true;
  /** How many attempts the run took (more than 1 only with `retry`). */
  attempts: number;
}

export type LoopEvent =
  | { type: 'run'; run: RunRecord; ok: true; value: unknown }
  /**
   * `unknown`: the run was cut off (timeout, shutdown) after a request may have reached Discord,
   * so its effect may have happened; otherwise a failed run had no effect.
   */
  | { type: 'run'; run: RunRecord; ok: false; error: unknown; outcome?: 'unknown' }
  | {
      type: 'skip';
      loop: string;
      /** The skipped slot: the loop's ticks are numbered from 1 as they fall due; runs' iterations count runs only. */
      tick: number;
      /** When the (first) skipped slot was due. */
      scheduledAt: number;
      /** The previous run was still going, the process was busy or paused, or discloop was down. */
      reason: 'overlap' | 'missed' | 'downtime';
      /** How many slots in a row this skip covers. */
      ticks: number;
    }
  /** Discord keeps refusing the loop's runs: it backs off (once), or is back on schedule. */
  | { type: 'backoff'; loop: string; active: true; error: unknown }
  | { type: 'backoff'; loop: string; active: false }
  /** When the loop's next run is due (wall-clock ms), each time that changes. */
  | { type: 'next'; loop: string; at: number }
  | {
      type: 'end';
      loop: string;
      runs: number;
      reason: EndReason;
    };

/** Why a loop ended: its count reached, a failure with `onError: stop`, a stop of every loop, removed from the set, or a schedule with no more runs. */
export type EndReason = 'count' | 'error' | 'stopped' | 'removed' | 'exhausted';

/**
 * Why the timer loop halts: an end reason, or `replaced` (a new version of the loop takes over,
 * so this one ends without an end event).
 */
type HaltReason = 'error' | 'stopped' | 'removed' | 'replaced';

export interface RunRequest {
  iteration: number;
  scheduledAt: number;
  /** Aborted when the run times out or is cancelled; nothing may take effect after that. */
  signal: AbortSignal;
  /** Moves the run's `startedAt` to now: the task calls it when it begins to read, after any wait. */
  started(): void;
  /** Set by the task once a request that changes something may have reached Discord. */
  effects: { sent: boolean };
}

export type RunTask = (request: RunRequest) => Promise<unknown>;

export interface LoopDeps {
  clock: Clock;
  emit: (event: LoopEvent) => void;
}

export interface LoopHandle {
  /** Resolves once the loop has ended and its last run has finished. */
  done: Promise<void>;
  /** Stops scheduling (for `reason`); in-flight runs are allowed to finish. */
  stop(reason?: HaltReason): Promise<void>;
  /** Aborts the runs in flight now: each is reported cancelled (or unknown, if it sent something). */
  cancel(): void;
  /** Runs attempted so far, those of earlier versions of the loop included. */
  readonly runs: number;
}

/** The instant loops start from: t0 of their interval grid. */
export interface Origin {
  monotonic: number;
  wall: number;
}

/** Where an earlier process left the loop: its last slot run (wall ms). */
export interface Resume {
  lastScheduledAt: number;
}

export const originNow = (clock: Clock): Origin => ({
  monotonic: clock.monotonic(),
  wall: clock.now(),
});

/**
 * A loop set up but not yet running: `begin` starts it from `origin`. Setting up a thousand
 * loops takes milliseconds; preparing them all before any begins keeps that time out of their
 * first runs' lateness (the loop set does that). `runsDone` continues a loop's iterations and
 * count where an earlier version of it left off.
 */
export function prepareLoop(
  plan: LoopPlan,
  task: RunTask,
  { clock, emit }: LoopDeps,
  runsDone = 0,
): { handle: LoopHandle; begin(origin: Origin, resume?: Resume): void } {
  const wall = usesWallClock(plan.schedule);
  let t0Mono = 0;
  let t0Wall = 0;
  const lineNow = () => (wall ? clock.now() : clock.monotonic());
  const toWall = (t: number) => (wall ? t : t0Wall + (t - t0Mono));
  let ticks: Ticks;

  let due: number | undefined;
  /** Ticks fallen due so far, run or skipped: the number of the tick in hand. */
  let tickNumber = 0;
  let started = runsDone;
  let inFlight = 0;
  let queued: number | undefined;
  /** Missed slots still to run, oldest first (catch-up after a restart). */
  let catchUpQueue: number[] = [];
  /** How to cut off each run in flight. */
  const cutters = new Set<(error: Error) => void>();
  /** Runs refused by Discord in a row, and until when the loop holds off because of them. */
  let refusedInARow = 0;
  let backoffUntil = Number.NEGATIVE_INFINITY;
  let timer: unknown;
  let announced: number | undefined;
  let stopping: HaltReason | undefined;
  let ended = false;
  let resolveDone = () => {};
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });

  const reachedCount = () => plan.count !== undefined && started >= plan.count;

  function maybeEnd() {
    if (ended || inFlight > 0 || queued !== undefined) return;
    const reason =
      stopping ?? (reachedCount() ? 'count' : due === undefined ? 'exhausted' : undefined);
    if (!reason) return;
    ended = true;
    if (reason !== 'replaced') emit({ type: 'end', loop: plan.name, runs: started, reason });
    resolveDone();
  }

  function arm() {
    if (due === undefined || stopping || reachedCount()) return maybeEnd();
    if (due !== announced) {
      announced = due;
      emit({ type: 'next', loop: plan.name, at: toWall(due) });
    }
    // The exact wait: the clock makes the sub-millisecond part good, and the re-check in
    // onTimer makes sure a run never starts early whatever the clock does.
    const wait = Math.min(Math.max(0, due - lineNow()), MAX_TIMER_MS);
    timer = clock.setTimer(onTimer, wait);
  }

  function onTimer() {
    timer = undefined;
    const now = lineNow();
    if (due === undefined || now < due) return arm();
    const tick = due;
    const missed = ticks.countBetween(tick, now);
    due = ticks.after(now);
    tickNumber += 1;
    // Missed ticks matter only to a loop that goes on after this run.
    const last = plan.count !== undefined && started + 1 >= plan.count;
    if (missed > 0 && !last) {
      emit({
        type: 'skip',
        loop: plan.name,
        tick: tickNumber + 1,
        scheduledAt: toWall(ticks.after(tick) ?? tick),
        reason: 'missed',
        ticks: missed,
      });
    }
    const number = tickNumber;
    tickNumber += missed;
    onTick(tick, number);
    arm();
  }

  function onTick(tick: number, number: number) {
    // Backing off: the tick passes without a run (the backoff was reported once).
    if (lineNow() < backoffUntil) return;
    if (inFlight > 0 && plan.overlap !== 'allow') {
      if (plan.overlap === 'wait' && queued === undefined) {
        queued = tick;
        return;
      }
      emit({
        type: 'skip',
        loop: plan.name,
        tick: number,
        scheduledAt: toWall(tick),
        reason: 'overlap',
        ticks: 1,
      });
      return;
    }
    launch(tick);
  }

  function launch(tick: number, catchUp = false) {
    started += 1;
    inFlight += 1;
    const iteration = started;
    const jitter = plan.jitterMs ? clock.random() * plan.jitterMs : 0;
    if (jitter === 0) return execute(iteration, tick, catchUp);
    clock.setTimer(() => {
      if (!stopping) return execute(iteration, tick + jitter, catchUp);
      // Stopped while waiting out the jitter: this run was never attempted.
      started -= 1;
      inFlight -= 1;
      maybeEnd();
    }, Math.ceil(jitter));
  }

  function execute(iteration: number, tick: number, catchUp: boolean) {
    const scheduledAt = toWall(tick);
    const run = startRun((attempt) => task({ iteration, scheduledAt, ...attempt }), plan, {
      clock,
      now: () => toWall(lineNow()),
      untilNextSlot: () => (due === undefined ? undefined : due - lineNow()),
      onDone: ({ startedAt, attempts, ...outcome }) => {
        cutters.delete(run.cut);
        inFlight -= 1;
        const record = {
          loop: plan.name,
          iteration,
          scheduledAt,
          startedAt,
          finishedAt: toWall(lineNow()),
          attempts,
          ...(catchUp ? { catchUp: true as const } : {}),
        };
        emit({ type: 'run', run: record, ...outcome });
        noteOutcome(outcome.ok ? undefined : outcome.error);
        if (!outcome.ok && plan.onError === 'stop') halt('error');
        afterRun();
      },
    });
    cutters.add(run.cut);
  }

  /**
   * A loop whose runs Discord keeps refusing (403, 404: a channel deleted, a permission removed)
   * spaces its runs out, doubling up to an hour, so a few broken loops cannot bring the bot near
   * Discord's ban on invalid requests; it is back on schedule at the first success.
   */
  function noteOutcome(error: unknown) {
    const refused = error !== undefined && failureKind(error) === 'refused';
    if (!refused) {
      if (refusedInARow >= 2) emit({ type: 'backoff', loop: plan.name, active: false });
      refusedInARow = 0;
      backoffUntil = Number.NEGATIVE_INFINITY;
      return;
    }
    refusedInARow += 1;
    if (refusedInARow < 2) return;
    const period = periodMs();
    const waitMs = Math.min(period * 2 ** (refusedInARow - 1), MAX_BACKOFF_MS);
    backoffUntil = lineNow() + waitMs - period / 2;
    if (refusedInARow === 2) emit({ type: 'backoff', loop: plan.name, active: true, error });
  }

  /** The loop's period now: the gap to its next slot. */
  function periodMs(): number {
    if (due === undefined) return MAX_BACKOFF_MS;
    const after = ticks.after(due);
    return after === undefined ? MAX_BACKOFF_MS : after - due;
  }

  /** Starts a loop that ran before this process: missed slots as `catchUp` says, then on schedule. */
  function resumeFrom(last: number) {
    const now = lineNow();
    const missed = planCatchUp(ticks, last, now, plan.catchUp ?? 'latest', plan.catchUpWindowMs);
    due = ticks.after(now);
    if (missed.skipped > 0 && missed.firstSkipped !== undefined && !reachedCount()) {
      tickNumber += 1;
      emit({
        type: 'skip',
        loop: plan.name,
        tick: tickNumber,
        scheduledAt: toWall(missed.firstSkipped),
        reason: 'downtime',
        ticks: missed.skipped,
      });
    }
    catchUpQueue = missed.run;
    const first = catchUpQueue.shift();
    if (first !== undefined && !reachedCount()) launch(first, true);
    arm();
  }

  function afterRun() {
    const missed = catchUpQueue.shift();
    if (missed !== undefined && !stopping && !reachedCount()) return launch(missed, true);
    catchUpQueue = [];
    if (queued !== undefined && !stopping && !reachedCount()) {
      const tick = queued;
      queued = undefined;
      launch(tick);
      return;
    }
    queued = undefined;
    if (reachedCount() || stopping) maybeEnd();
  }

  function halt(reason: HaltReason) {
    stopping ??= reason;
    if (timer !== undefined) clock.clearTimer(timer);
    timer = undefined;
    queued = undefined;
    maybeEnd();
  }

  return {
    handle: {
      done,
      stop(reason = 'stopped') {
        halt(reason);
        return done;
      },
      cancel() {
        for (const cut of [...cutters]) cut(new RunCancelledError());
      },
      get runs() {
        return started;
      },
    },
    begin(origin, resume) {
      t0Mono = origin.monotonic;
      t0Wall = origin.wall;
      if (resume && !wall) {
        // After a restart the interval grid goes on from the last slot run, not from now.
        t0Mono -= origin.wall - resume.lastScheduledAt;
        t0Wall = resume.lastScheduledAt;
      }
      ticks = ticksFor(plan.schedule, wall ? t0Wall : t0Mono);
      if (resume) return resumeFrom(wall ? resume.lastScheduledAt : t0Mono);
      // The first tick is t0 itself, so every run, the first included, is on the t0 + k·interval grid.
      due = ticks.first(wall ? t0Wall : t0Mono);
      arm();
    },
  };
}
