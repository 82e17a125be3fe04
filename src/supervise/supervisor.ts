import type { Clock } from '../schedule/clock.js';
import type { ChildPlan } from './child-plans.js';
import { exitKind, worseExit } from './exits.js';
import { afterCrash, type CrashRecord, noCrashes } from './restart-policy.js';

export interface ChildExit {
  code: number | null;
  signal: string | null;
}

/** A running child, as the supervisor drives it. */
export interface Child {
  pid: number | undefined;
  /** A graceful stop: the parent's SIGINT / SIGTERM, forwarded. */
  stop(): void;
  /** The parent's SIGHUP, forwarded. */
  reload(): void;
  /** Ends it at once (SIGKILL). */
  kill(): void;
  /** Resolves once it has exited and all it wrote has been passed on. */
  exited: Promise<ChildExit>;
}

export interface SuperviseDeps {
  plans: ChildPlan[];
  /**
   * Starts a child; `restart` when it ran before. `onLoops` hears how many loops run on its
   * shards (when it has connected, and after each reload).
   */
  start(plan: ChildPlan, restart: boolean, onLoops: (count: number) => void): Child;
  clock: Clock;
  /** Says something about one child, or (no plan) about them all; warnings are NDJSON lines too. */
  say(plan: ChildPlan | undefined, message: string, warning: boolean): void;
  /** How long children may take to stop once asked, before they are killed. */
  stopTimeoutMs: number;
}

/** The children at work, and what the user's signals do to them. */
export interface Supervision {
  /** The exit code once every child has exited: what one process would have given. */
  done: Promise<number>;
  /** Forwards a stop (the first SIGINT / SIGTERM); no child starts again after it. */
  stop(): void;
  /** Forwards a SIGHUP. */
  reload(): void;
  /** Kills every child at once (the second SIGINT / SIGTERM). */
  kill(): void;
}

interface Slot {
  plan: ChildPlan;
  child?: Child;
  /** When the current child started (monotonic ms). */
  startedAt: number;
  crashes: CrashRecord;
  /** The child said no loop runs on its shards: it waits for a reload to bring one. */
  idle: boolean;
  /** A restart waiting for its backoff. */
  restart?: unknown;
  /** It has exited for good. */
  done: boolean;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * Runs one child per plan until all have exited (SPEC §9). A child that finishes (exit 0) is
 * done; one refused in a way every child would be (exit 2 to 5) stops them all with its code; one
 * that crashes starts again after a backoff, until it crashes too often, which stops them all
 * with 1. Children with no loop on their shards wait for reloads, until no other has loops left.
 */
export function supervise(deps: SuperviseDeps): Supervision {
  const { clock } = deps;
  let code = 0;
  let stopping = false;
  let killTimer: unknown;
  let finish: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => {
    finish = resolve;
  });
  const slots: Slot[] = deps.plans.map((plan) => ({
    plan,
    startedAt: 0,
    crashes: noCrashes(),
    idle: false,
    done: false,
  }));
  const name = (slot: Slot, pid = slot.child?.pid) =>
    `process ${slot.plan.index + 1} of ${slot.plan.of}${pid === undefined ? '' : ` (pid ${pid})`}`;

  function launch(slot: Slot, restart: boolean) {
    slot.restart = undefined;
    slot.idle = false;
    const child = deps.start(slot.plan, restart, (count) => {
      if (slot.child !== child) return;
      slot.idle = count === 0;
      stopIfOnlyIdle();
    });
    slot.child = child;
    slot.startedAt = clock.monotonic();
    deps.say(slot.plan, `${restart ? 'Restarted' : 'Started'} ${name(slot)}`, false);
    void child.exited.then((exit) => onExit(slot, child, exit));
  }

  function onExit(slot: Slot, child: Child, { code: exitCode, signal }: ChildExit) {
    slot.child = undefined;
    const exit = exitKind(exitCode, signal);
    if (stopping || exit.kind === 'finished') {
      // Stopping, a child that quit at once on a second signal was stopping too.
      if (exit.kind === 'refused') code = worseExit(code, exit.code);
      if (exit.kind === 'crashed') code = worseExit(code, 1);
      return settle(slot);
    }
    if (exit.kind === 'refused') {
      code = worseExit(code, exit.code);
      deps.say(
        slot.plan,
        `${capital(name(slot, child.pid))} exited with code ${exit.code}: every process would meet the same, so all stop.`,
        true,
      );
      stopAll();
      return settle(slot);
    }
    const why = exit.kind === 'crashed' ? exit.why : 'exit code 130';
    const next = afterCrash(slot.crashes, slot.startedAt, clock.monotonic());
    slot.crashes = next.record;
    if (!next.restart) {
      code = worseExit(code, 1);
      deps.say(
        slot.plan,
        `${capital(name(slot, child.pid))} crashed (${why}), ${next.recent} times within a minute: stopping every process.`,
        true,
      );
      stopAll();
      return settle(slot);
    }
    deps.say(
      slot.plan,
      `${capital(name(slot, child.pid))} crashed (${why}); restarting it in ${seconds(next.delayMs)} (crash ${next.recent} within a minute).`,
      true,
    );
    slot.restart = clock.setTimer(() => launch(slot, true), next.delayMs);
  }

  function settle(slot: Slot) {
    slot.done = true;
    if (slots.every((s) => s.done)) {
      if (killTimer !== undefined) clock.clearTimer(killTimer);
      finish(code);
    } else stopIfOnlyIdle();
  }

  /** Children waiting for a reload stay only while another still has loops to run. */
  function stopIfOnlyIdle() {
    if (stopping || !slots.every((s) => s.done || (s.child && s.idle))) return;
    deps.say(
      undefined,
      'No process has a loop left to run: stopping those that were waiting for a reload.',
      false,
    );
    stopAll();
  }

  function stopAll() {
    if (stopping) return;
    stopping = true;
    for (const slot of slots) {
      if (slot.restart !== undefined) {
        clock.clearTimer(slot.restart);
        slot.restart = undefined;
        slot.done = true;
      }
      slot.child?.stop();
    }
    if (slots.every((s) => s.done)) return finish(code);
    killTimer = clock.setTimer(() => {
      for (const slot of slots) {
        if (!slot.child) continue;
        deps.say(
          slot.plan,
          `${capital(name(slot))} did not stop within ${seconds(deps.stopTimeoutMs)}: killing it.`,
          true,
        );
        code = worseExit(code, 1);
        slot.child.kill();
      }
    }, deps.stopTimeoutMs);
  }

  for (const slot of slots) launch(slot, false);
  return {
    done,
    stop: stopAll,
    reload() {
      for (const slot of slots) slot.child?.reload();
    },
    kill() {
      stopping = true;
      for (const slot of slots) {
        if (slot.restart !== undefined) clock.clearTimer(slot.restart);
        slot.child?.kill();
      }
    },
  };
}
