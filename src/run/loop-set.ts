import type { LoopSetup } from '../config/plans.js';
import type { Clock } from '../schedule/clock.js';
import {
  type LoopEvent,
  type LoopHandle,
  originNow,
  prepareLoop,
  type RunRequest,
} from '../schedule/loop-runner.js';

/** What a loop keeps from run to run: its action's own state (a channel id, a rotation). */
export type LoopState = Record<string, unknown>;

export interface LoopSetDeps {
  clock: Clock;
  /** A loop's event, with the setup of the version of the loop it comes from. */
  emit: (event: LoopEvent, loop: LoopSetup) => void;
  /** Does one run of `loop`: its action with its options, given the loop's kept state. */
  run: (loop: LoopSetup, request: RunRequest, state: LoopState) => Promise<unknown>;
}

/**
 * The loops that are running, as a value that can change while they run: loops are added,
 * removed and replaced one by one (a reload, a shard range), and each loop's state lives here
 * rather than in a closure of whoever started it. One loop's failure never touches another's.
 */
export interface LoopSet {
  /** Starts loops; those added together are all set up before any begins. */
  add(...loops: LoopSetup[]): void;
  /** Ends a loop (`reason: removed`) and resolves once its run in flight, if any, has finished. */
  remove(name: string): Promise<void>;
  /**
   * Restarts a loop with a new setup. With the same action and options it keeps its state and
   * its count of runs; otherwise it starts afresh. The new version begins once the old one's run
   * in flight has finished, so the two never overlap.
   */
  replace(loop: LoopSetup): Promise<void>;
  /** Ends every loop; resolves once no run is in flight. */
  stop(): Promise<void>;
  /** Cuts off every run in flight now (after a stop's grace period). */
  cancel(): void;
  /** The loops running now. */
  names(): string[];
  /** Whether any run has failed so far. */
  readonly failed: boolean;
  /** Resolves once every loop has ended (count, error, removal or stop). */
  readonly done: Promise<void>;
}

interface Entry {
  setup: LoopSetup;
  handle: LoopHandle;
  state: LoopState;
}

/** Loops with the same action and options can share state; any other change starts afresh. */
export const sameWork = (a: LoopSetup, b: LoopSetup) =>
  a.action.name === b.action.name && JSON.stringify(a.options) === JSON.stringify(b.options);

export function createLoopSet(deps: LoopSetDeps): LoopSet {
  const entries = new Map<string, Entry>();
  let failed = false;
  let stopped = false;
  let resolveDone = () => {};
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });

  /** Loops whose old version is finishing its run before the new one begins. */
  const replacing = new Set<string>();
  const forget = (name: string) => {
    entries.delete(name);
    if (entries.size === 0) resolveDone();
  };

  /** Sets a loop up, not yet begun; it leaves the set when it ends, unless replaced meanwhile. */
  function prepare(setup: LoopSetup, state: LoopState, runs: number) {
    const task = (request: RunRequest) => deps.run(setup, request, state);
    const emit = (event: LoopEvent) => {
      if (event.type === 'run' && !event.ok) failed = true;
      deps.emit(event, setup);
    };
    const loop = prepareLoop(setup.plan, task, { clock: deps.clock, emit }, runs);
    const entry: Entry = { setup, handle: loop.handle, state };
    entries.set(setup.plan.name, entry);
    loop.handle.done.then(() => {
      if (entries.get(setup.plan.name) === entry && !replacing.has(setup.plan.name))
        forget(setup.plan.name);
    });
    return loop;
  }

  return {
    add(...loops) {
      if (stopped) return;
      for (const { plan } of loops) {
        if (entries.has(plan.name)) throw new Error(`loop ${plan.name} is already running`);
      }
      const prepared = loops.map((setup) => prepare(setup, {}, 0));
      // Each begins from its own instant: loops due together then start a few microseconds
      // apart rather than all at once, which halves how late the last of many starts.
      for (const loop of prepared) loop.begin(originNow(deps.clock));
    },
    async remove(name) {
      await entries.get(name)?.handle.stop('removed');
    },
    async replace(setup) {
      const { name } = setup.plan;
      const old = entries.get(name);
      if (!old) return this.add(setup);
      replacing.add(name);
      await old.handle.stop('replaced');
      replacing.delete(name);
      if (stopped) {
        deps.emit({ type: 'end', loop: name, runs: old.handle.runs, reason: 'stopped' }, setup);
        return forget(name);
      }
      const keep = sameWork(old.setup, setup);
      prepare(setup, keep ? old.state : {}, keep ? old.handle.runs : 0).begin(
        originNow(deps.clock),
      );
    },
    async stop() {
      stopped = true;
      if (entries.size === 0) resolveDone();
      await Promise.all([...entries.values()].map((entry) => entry.handle.stop()));
    },
    cancel() {
      for (const entry of entries.values()) entry.handle.cancel();
    },
    names: () => [...entries.keys()],
    get failed() {
      return failed;
    },
    done,
  };
}
