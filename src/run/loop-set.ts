import type { LoopSetup } from '../config/plans.js';
import type { Clock } from '../schedule/clock.js';
import {
  type LoopEvent,
  type LoopHandle,
  originNow,
  prepareLoop,
  type Resume,
  type RunRequest,
} from '../schedule/loop-runner.js';
import { fingerprint, type LoopRecord } from '../state/record.js';
import type { StateStore } from '../state/store.js';

/** What a loop keeps from run to run: its action's own state (a channel id, a rotation). */
export type LoopState = Record<string, unknown>;

export interface LoopSetDeps {
  clock: Clock;
  /** A loop's event, with the setup of the version of the loop it comes from. */
  emit: (event: LoopEvent, loop: LoopSetup) => void;
  /** Does one run of `loop`: its action with its options, given the loop's kept state. */
  run: (loop: LoopSetup, request: RunRequest, state: LoopState) => Promise<unknown>;
  /** What loops remember across restarts: read when a loop is added, saved after each run. */
  store: StateStore;
  /** Tells what was made of a loop's stored state (continued, finished, started afresh). */
  say: (message: string, warning: boolean) => void;
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
  /** The loop's action and options: what its state belongs to. */
  key: string;
  handle: LoopHandle;
  state: LoopState;
}

/** Where a loop starts from: afresh, or where it (or its earlier version) left off. */
interface Start {
  state: LoopState;
  runs: number;
  resume?: Resume;
}

const keyOf = ({ action, options }: LoopSetup) => fingerprint(action.name, options);

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
  function prepare(setup: LoopSetup, { state, runs, resume }: Start) {
    const name = setup.plan.name;
    const key = keyOf(setup);
    const task = (request: RunRequest) => deps.run(setup, request, state);
    const emit = (event: LoopEvent) => {
      if (event.type === 'run') {
        if (!event.ok) failed = true;
        deps.store.save(name, recordOf(key, loop.handle.runs, event, state));
      }
      deps.emit(event, setup);
    };
    const loop = prepareLoop(setup.plan, task, { clock: deps.clock, emit }, runs);
    const entry: Entry = { setup, key, handle: loop.handle, state };
    entries.set(name, entry);
    loop.handle.done.then(() => {
      if (entries.get(name) === entry && !replacing.has(name)) forget(name);
    });
    return { begin: () => loop.begin(originNow(deps.clock), resume) };
  }

  /** A new loop starts where its stored state left off, if that state is its own. */
  function restore(setup: LoopSetup): Start {
    const { name, count } = setup.plan;
    const record = deps.store.get(name);
    if (!record) return { state: {}, runs: 0 };
    if (record.fingerprint !== keyOf(setup)) {
      deps.say(
        `${name}: its action or options changed since its state was saved: starting afresh.`,
        true,
      );
      return { state: {}, runs: 0 };
    }
    if (count !== undefined && record.runs >= count)
      deps.say(
        `${name}: already finished (${record.runs} of ${count} runs); --fresh runs it again.`,
        false,
      );
    else if (record.runs > 0) deps.say(`${name}: continuing after run ${record.runs}.`, false);
    const resume =
      record.lastScheduledAt === undefined
        ? undefined
        : { lastScheduledAt: record.lastScheduledAt };
    return { state: record.actionState, runs: record.runs, resume };
  }

  return {
    add(...loops) {
      if (stopped) return;
      for (const { plan } of loops) {
        if (entries.has(plan.name)) throw new Error(`loop ${plan.name} is already running`);
      }
      const prepared = loops.map((setup) => prepare(setup, restore(setup)));
      // Each begins from its own instant: loops due together then start a few microseconds
      // apart rather than all at once, which halves how late the last of many starts.
      for (const loop of prepared) loop.begin();
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
      const keep = old.key === keyOf(setup);
      prepare(
        setup,
        keep ? { state: old.state, runs: old.handle.runs } : { state: {}, runs: 0 },
      ).begin();
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

/** What the store keeps of a loop after a run. */
function recordOf(
  key: string,
  runs: number,
  event: Extract<LoopEvent, { type: 'run' }>,
  state: LoopState,
): LoopRecord {
  const { scheduledAt, startedAt, finishedAt } = event.run;
  const lastOutcome = event.ok ? 'ok' : event.outcome === 'unknown' ? 'unknown' : 'failed';
  return {
    fingerprint: key,
    runs,
    lastScheduledAt: scheduledAt,
    lastStartedAt: startedAt,
    lastFinishedAt: finishedAt,
    lastOutcome,
    actionState: state,
  };
}
