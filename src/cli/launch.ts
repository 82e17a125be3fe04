import type { LoopSetup } from '../config/plans.js';
import { formatShards, type ShardRequest, shardIds, shardRequest } from '../connection/shards.js';
import type { OutputLabels, Reporter } from '../output/events.js';
import { jsonReporter } from '../output/json-reporter.js';
import { isTerminal, unrefEvery } from '../output/live-sink.js';
import { statusReporter } from '../output/status-reporter.js';
import { colorWanted, styleFor } from '../output/style.js';
import { teeReporter } from '../output/tee-reporter.js';
import { textReporter } from '../output/text-reporter.js';
import type { Reloader } from '../run/reload.js';
import { runLoops } from '../run/run-loops.js';
import { createSystemClock } from '../schedule/system-clock.js';
import type { WatchOptions } from '../service/monitor.js';
import { openStateFile } from '../state/file-store.js';
import { memoryStore } from '../state/store.js';
import type { ParentChannel } from '../supervise/parent-channel.js';
import type { ConnectionFlags, OutputFlags } from './connection-options.js';
import { verbosityOf } from './connection-options.js';
import type { CliContext } from './context.js';
import { resolveEndpoint } from './endpoint.js';
import type { MetricsOptions } from './metrics-flags.js';
import { onStopSignals } from './signals.js';

export interface LaunchOptions {
  setups: LoopSetup[];
  flags: ConnectionFlags & OutputFlags;
  /** `--once`: a single ad hoc run, printed without a header; its failure fails the command. */
  once: boolean;
  configToken?: string;
  /** The config's warnings, reported like any other (NDJSON lines with --json). */
  warnings?: string[];
  /** Where loop state is kept (`run`); none: in memory, for this process only. */
  state?: { path: string | undefined; fresh: boolean };
  /** How `run` reads its config again (SIGHUP, --watch). */
  reload?: Reloader;
  /** --shutdown-timeout: how long runs in flight may finish after a stop. */
  shutdownGraceMs?: number;
  /** Which shards this process runs (SPEC §9; default all). */
  shards?: ShardRequest;
  /**
   * `run --metrics`: serve metrics, health and status from the run's events; or keep them for
   * the `run --processes --metrics` parent, which serves them.
   */
  metrics?: MetricsOptions | { parent: ParentChannel };
}

/**
 * How long runs in flight may finish after SIGTERM / SIGINT before they are cancelled, unless
 * --shutdown-timeout says otherwise. SPEC §8 says 10 s; 5 s keeps the whole stop (grace, state
 * flush, gateway close) inside Docker's default 10 s between SIGTERM and SIGKILL.
 */
export const SHUTDOWN_GRACE_MS = 5000;

/** Wires the run engine to this process: its output, its endpoint, its clock and its signals. */
export async function launch(
  {
    setups,
    flags,
    once,
    configToken,
    warnings = [],
    state,
    reload,
    shutdownGraceMs = SHUTDOWN_GRACE_MS,
    shards: givenShards,
    metrics,
  }: LaunchOptions,
  ctx: CliContext,
): Promise<number> {
  const shards = givenShards ?? shardRequest(flags, ctx.env);
  // Known from the start when the count is given, else filled in once connected, if this
  // process runs only some of the shards: every line says so, those before `ready` too.
  const labels: OutputLabels = knownShards(shards);
  const reporter = tellingParent(createReporter(flags, once, ctx, setups, labels), ctx);
  for (const message of warnings) reporter.report({ type: 'warning', message });
  const endpoint = await resolveEndpoint(flags, configToken, ctx);
  const store = state?.path
    ? await openStateFile(state.path, {
        fresh: state.fresh,
        onNotice: (message) => reporter.report({ type: 'warning', message }),
      }).catch(async (error: unknown) => {
        await endpoint.close();
        throw error;
      })
    : memoryStore();
  let monitor: Watching | undefined;
  try {
    if (metrics) {
      const watch = {
        loops: setups.map((setup) => ({ ...setup.plan, action: setup.action.name })),
        now: Date.now,
        shardsHere: () => labels.shards,
      };
      monitor = await openMonitor(metrics, watch, endpoint.token, reporter);
    }
    return await runLoops({
      setups,
      once,
      endpoint: endpoint.label,
      connect: async (request) => {
        const { connect } = await import('../discord/connect.js');
        return connect({ ...request, token: endpoint.token, apiUrl: endpoint.apiUrl });
      },
      clock: createSystemClock(),
      reporter: monitor ? teeReporter(reporter, monitor.reporter) : reporter,
      shutdownGraceMs,
      shards,
      onShards: (label) => {
        labels.shards = label;
      },
      store,
      reload,
      onStopRequest: (stop) =>
        onStopSignals(ctx, stop, (message) => reporter.report({ type: 'info', message })),
      stayWhenIdle: ctx.parent !== undefined,
    });
  } finally {
    await monitor?.close();
    await store.close();
    await endpoint.close();
  }
}

interface Watching {
  reporter: Reporter;
  close(): Promise<void>;
}

/** The monitor of `run --metrics`, serving on its port, or answering its parent. */
async function openMonitor(
  metrics: NonNullable<LaunchOptions['metrics']>,
  watch: WatchOptions,
  token: string,
  reporter: Reporter,
): Promise<Watching> {
  if ('parent' in metrics) {
    const { reportToParent } = await import('../service/report-to-parent.js');
    return reportToParent(watch, metrics.parent);
  }
  const { startMonitor } = await import('../service/monitor.js');
  const monitor = await startMonitor({ ...metrics, ...watch, secrets: [token] });
  reporter.report({ type: 'info', message: `Metrics and status on ${monitor.url}` });
  return monitor;
}

/** The range of a process given some of a known number of shards, before it connects. */
function knownShards(request: ShardRequest): OutputLabels {
  if (request.kind === 'all' || request.count === 'auto') return {};
  const ids = shardIds(request, request.count);
  return ids.length < request.count ? { shards: formatShards(ids) } : {};
}

/**
 * Under `run --processes`, the parent learns how many loops run here, from `ready` and each
 * reload: a child with none is waiting, and the parent stops it once no other has loops left.
 */
function tellingParent(reporter: Reporter, ctx: CliContext): Reporter {
  const { parent } = ctx;
  if (!parent) return reporter;
  const here = new Set<string>();
  return {
    report(event) {
      reporter.report(event);
      if (event.type === 'ready' && event.loops) {
        for (const name of event.loops.here) here.add(name);
      } else if (event.type === 'reload' && event.ok) {
        for (const name of event.added) here.add(name);
        for (const name of event.removed) here.delete(name);
      } else return;
      parent.tell({ discloop: 'loops', count: here.size });
    },
  };
}

/** NDJSON for --json; text otherwise, with a live status area when `run` writes to a terminal. */
function createReporter(
  flags: OutputFlags,
  once: boolean,
  ctx: CliContext,
  setups: LoopSetup[],
  labels: OutputLabels,
): Reporter {
  const verbosity = verbosityOf(flags);
  if (flags.json) return jsonReporter({ sink: ctx.sink, now: Date.now, once, verbosity, labels });
  const style = styleFor(colorWanted(ctx.stdout, flags.color, ctx.env));
  if (!once && isTerminal(ctx.stdout)) {
    return statusReporter({
      sink: ctx.sink,
      terminal: ctx.stdout,
      style,
      verbosity,
      loops: setups.map((setup) => setup.plan),
      now: Date.now,
      every: unrefEvery,
      labels,
    });
  }
  return textReporter({ sink: ctx.sink, style, once, verbosity, labels });
}
