import { loopWaitsForGateway } from '../actions/intents.js';
import type { LoopSetup } from '../config/plans.js';
import type { Connect, ConnectionEvent, DiscordSession, RunScope } from '../connection/session.js';
import { formatShards, type ShardRequest } from '../connection/shards.js';
import { DiscloopError } from '../errors.js';
import type { Reporter } from '../output/events.js';
import { runLog } from '../output/run-log.js';
import type { Clock } from '../schedule/clock.js';
import type { RunRequest } from '../schedule/loop-runner.js';
import type { StateStore } from '../state/store.js';
import { createLoopSet, type LoopSet, type LoopState } from './loop-set.js';
import { placeLoops } from './placement.js';
import { heldLongerThanInterval } from './rate-limit-warning.js';
import { applyReload, type Reloader } from './reload.js';
import { toReportEvent } from './report-events.js';
import { holdSession } from './session-holder.js';

export interface RunLoopsInputs {
  setups: LoopSetup[];
  /** `--once`: a single ad hoc run; its failure fails the command (exit 1). */
  once: boolean;
  /** Opens the connection; the token and endpoint are bound by the caller. */
  connect: Connect;
  /** Where the connection goes, in words, for "Connecting to …" (never the token). */
  endpoint: string;
  clock: Clock;
  reporter: Reporter;
  /** Calls `stop` when the user asks to stop (SIGINT / SIGTERM); returns an unsubscribe. */
  onStopRequest: (stop: () => void) => () => void;
  /** How long runs in flight may go on after a stop before they are cancelled. */
  shutdownGraceMs: number;
  /** What loops remember across restarts (a memory store when nothing is kept). */
  store: StateStore;
  /** How the config is read again (`run`); none: loops never change. */
  reload?: Reloader;
  /** Which shards this process runs (default all). */
  shards?: ShardRequest;
  /** Told the range (`0-1`) once connected, when this process runs only some of the shards. */
  onShards?: (label: string) => void;
  /**
   * Hook for `run --processes` (src/supervise): a supervised child with no loop on its shards
   * stays connected until stopped, so that a reload can start one there (SPEC §9). Unsupervised,
   * such a process exits 0.
   */
  stayWhenIdle?: boolean;
}

/** A run that is due while the gateway reconnects waits this long for it, to read a fresh cache. */
const SETTLE_TIMEOUT_MS = 5000;

/**
 * Connects with the intents the loops need, waits until Discord has sent every guild, then
 * runs the loops until they have all ended or a stop is asked for. Returns the exit code.
 * A stop (signal) ends new runs at once; runs in flight get `shutdownGraceMs`, then are cut off.
 * A reload applies the config's new loops as a diff, without a new session unless the
 * intents change.
 */
export async function runLoops(inputs: RunLoopsInputs): Promise<number> {
  const { reporter } = inputs;
  let fatal: Error | undefined;
  let loops: LoopSet | undefined;
  const stopping = new AbortController();
  const stop = () => {
    if (stopping.signal.aborted) return;
    stopping.abort();
    if (!loops) return;
    void loops.stop();
    const grace = inputs.clock.setTimer(() => loops?.cancel(), inputs.shutdownGraceMs);
    void loops.done.then(() => inputs.clock.clearTimer(grace));
  };
  const removeStopRequest = inputs.onStopRequest(stop);
  const sessions = holdSession({
    ...inputs,
    signal: stopping.signal,
    onEvent: (event: ConnectionEvent) => {
      if (event.type === 'fatal') {
        fatal = event.error;
        stop();
      } else if (event.type === 'debug' || event.type === 'notice')
        reporter.report({ type: 'info', message: event.message, verbose: event.type === 'debug' });
      else reporter.report(event);
    },
  });
  // Subscribed from the start: a SIGHUP before the loops run is kept for when they do, rather
  // than ending the process as Node's default SIGHUP handler would.
  let reloadPending = false;
  let onReload = () => {
    reloadPending = true;
  };
  const removeReloads = inputs.reload?.requests(() => onReload()) ?? (() => {});
  try {
    const session = await sessions.start(inputs.setups).catch((error: unknown) => {
      if (error instanceof DiscloopError && error.code === 'stopped') return undefined;
      throw error;
    });
    if (!session) {
      reporter.report({ type: 'info', message: 'Stopped before Discord was ready.' });
      return 0;
    }
    const place = placer(session, reporter);
    const setups = await place(inputs.setups);
    reporter.report({
      type: 'ready',
      user: session.user,
      guilds: session.guildCount,
      ...(await shardFacts(session, inputs, setups)),
    });
    if (stopping.signal.aborted) return 0;
    if (setups.length === 0) {
      reporter.report({
        type: 'info',
        message: inputs.stayWhenIdle
          ? 'No loop runs on these shards: staying connected for a reload to bring one.'
          : 'No loop runs on these shards: the other processes run them all.',
      });
      // An empty loop set ends only when stopped, or once loops a reload added have ended.
      if (!inputs.stayWhenIdle) return 0;
    }
    const running = startLoopSet(inputs, setups, sessions.current);
    loops = running;
    onReload = reloadsOf(inputs, running, async (wanted) => {
      const placed = await place(wanted);
      await sessions.fitIntents(placed);
      return placed;
    });
    if (reloadPending) onReload();
    await running.done;
    if (fatal) throw fatal;
    return running.failed && inputs.once ? 1 : 0;
  } finally {
    removeReloads();
    await sessions.close();
    removeStopRequest();
  }
}

/**
 * The loops of a config that run in this process: all of them, or, when it runs only some of
 * the shards, those placed here (SPEC §9). Loops whose guild or channel exists nowhere fail.
 */
function placer(session: DiscordSession, reporter: Reporter) {
  return async (setups: LoopSetup[]): Promise<LoopSetup[]> => {
    if (!session.partial) return setups;
    const placed = await placeLoops(setups, session);
    for (const { loop, message } of placed.unresolved)
      reporter.report({ type: 'warning', message: `${loop}: ${message}; it does not run.` });
    return placed.here;
  };
}

/** What `ready` says of a process running only some shards: the range, the bot's total, where loops run. */
async function shardFacts(session: DiscordSession, inputs: RunLoopsInputs, here: LoopSetup[]) {
  if (!session.partial) return {};
  inputs.onShards?.(formatShards(session.shardIds));
  const names = new Set(here.map((s) => s.plan.name));
  return {
    guildsTotal: await session.lookup.guildCount(),
    loops: {
      here: [...names],
      elsewhere: inputs.setups.map((s) => s.plan.name).filter((name) => !names.has(name)),
    },
  };
}

/** Reloads one at a time, each applied to the loops the previous one left running. */
function reloadsOf(
  { reload, setups, reporter }: RunLoopsInputs,
  loops: LoopSet,
  fit: (setups: LoopSetup[]) => Promise<LoopSetup[]>,
): () => void {
  if (!reload) return () => {};
  let running = setups;
  let queue = Promise.resolve();
  return () => {
    queue = queue
      .then(async () => {
        running = await applyReload(running, await reload.load(), loops, reporter, fit);
      })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        reporter.report({
          type: 'warning',
          message: `The config could not be reloaded: ${message}`,
        });
      });
  };
}

/** The loop set, each run reading and acting through the session, in its own scope. */
function startLoopSet(
  { clock, reporter, store }: RunLoopsInputs,
  setups: LoopSetup[],
  sessionNow: () => DiscordSession,
): LoopSet {
  const loops = createLoopSet({
    clock,
    store,
    say: (message, warning) =>
      reporter.report(warning ? { type: 'warning', message } : { type: 'info', message }),
    emit: (event, setup) => reporter.report(toReportEvent(event, setup)),
    run: async (setup: LoopSetup, request: RunRequest, state: LoopState) => {
      const { plan, action, options, timezone } = setup;
      const session = sessionNow();
      if (loopWaitsForGateway(action, options))
        await session.settled(SETTLE_TIMEOUT_MS, request.signal);
      // The run's data is read from here on: its stamp is now, not when it was due.
      request.started();
      const scope: RunScope = {
        loop: plan.name,
        signal: request.signal,
        effects: request.effects,
        heldMs: 0,
      };
      const context = {
        discord: session.portFor(scope),
        loop: { name: plan.name, iteration: request.iteration, scheduledAt: request.scheduledAt },
        log: runLog(reporter, plan.name),
        now: Date.now(),
        timezone,
        state,
        signal: request.signal,
      };
      try {
        return await session.act(scope, () => action.run(context, options));
      } finally {
        const warning = heldLongerThanInterval(plan, request.iteration, scope.heldMs);
        if (warning) reporter.report({ type: 'warning', message: warning });
      }
    },
  });
  loops.add(...setups);
  return loops;
}
