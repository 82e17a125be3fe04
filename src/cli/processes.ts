import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatShards, shardRequest } from '../connection/shards.js';
import { jsonReporter } from '../output/json-reporter.js';
import type { Sink } from '../output/sink.js';
import { colorWanted, styleFor } from '../output/style.js';
import { textReporter } from '../output/text-reporter.js';
import { createSystemClock } from '../schedule/system-clock.js';
import {
  type ChildPlan,
  checkNoShardChoice,
  childArgs,
  childEnv,
  childPlans,
  processCountOf,
} from '../supervise/child-plans.js';
import { childReports } from '../supervise/child-reports.js';
import { clusterStart } from '../supervise/cluster-start.js';
import { gatewayShardCount } from '../supervise/gateway-shards.js';
import { supervise } from '../supervise/supervisor.js';
import { verbosityOf } from './connection-options.js';
import type { CliContext } from './context.js';
import { resolveEndpoint } from './endpoint.js';
import { SHUTDOWN_GRACE_MS } from './launch.js';
import { type MetricsOptions, metricsOptionsOf } from './metrics-flags.js';
import { durationFlag, type RunFlags } from './run.js';
import { readRunConfig } from './run-config.js';
import { onStopSignals } from './signals.js';
import { rangeStateFile } from './state-path.js';

export interface ProcessesFlags extends RunFlags {
  processes: string;
}

/** The options the parent decides for its children itself, rather than passing them on. */
export const DECIDED_BY_PARENT = new Set([
  'processes',
  'state',
  'token',
  'apiUrl',
  'sandbox',
  'shards',
  'shardCount',
  'processIndex',
  'processCount',
  'metrics',
  'healthGrace',
]);

/** Children run discloop's own bin: two folders up from src/cli and from dist's chunks alike. */
const BIN = fileURLToPath(new URL('../../bin/discloop.js', import.meta.url));

/** Beyond --shutdown-timeout, how long a stopping child may take to flush and disconnect. */
const STOP_MARGIN_MS = 15_000;

/**
 * `discloop run [config] --processes N` (SPEC §9): the shards spread over N children, each
 * `discloop run` of the same config with `--process-index i --process-count N`, supervised by
 * node:cluster. The config, the flags and the shard count are settled here, once, so that a
 * mistake is said once and every child splits the same count. `passOn` are the other options
 * the user gave, for the children.
 */
export async function runProcesses(
  configPath: string | undefined,
  flags: ProcessesFlags,
  passOn: string[],
  ctx: CliContext,
): Promise<number> {
  const processes = processCountOf(flags.processes);
  checkNoShardChoice(flags, ctx.env);
  const metrics = metricsOptionsOf(flags, ctx.env);
  const request = shardRequest(flags, ctx.env);
  const givenCount = request.kind === 'list' ? request.count : 'auto';
  if (givenCount !== 'auto') childPlans(processes, givenCount);
  const graceMs = durationFlag('--shutdown-timeout', flags.shutdownTimeout) ?? SHUTDOWN_GRACE_MS;
  const read = await readRunConfig(configPath, flags, ctx);
  if ('exitCode' in read) return read.exitCode;
  const say = parentSay(flags, ctx);
  const info = (message: string) => say(undefined, message, false);
  const endpoint = await resolveEndpoint(flags, read.config.token, ctx);

  // One subscription for the parent's whole life: a stop before the children start ends it.
  const early = new AbortController();
  let stop = () => early.abort();
  let kill = () => {};
  let reload = () => {};
  const removeStop = onStopSignals(
    {
      ...ctx,
      exitNow: (code) => {
        kill();
        ctx.exitNow(code);
      },
    },
    () => stop(),
    info,
  );
  const onHangUp = () => reload();
  ctx.signals.on('SIGHUP', onHangUp);
  let monitor: Awaited<ReturnType<typeof serveForChildren>> | undefined;
  try {
    const count =
      givenCount !== 'auto'
        ? givenCount
        : await gatewayShardCount({ ...endpoint, signal: early.signal, onRetry: info }).catch(
            (error: unknown) => {
              if (early.signal.aborted) return undefined;
              throw error;
            },
          );
    if (count === undefined || early.signal.aborted) return 0;
    const plans = childPlans(processes, count);
    const command = {
      file: path.resolve(ctx.cwd, read.file),
      passOn,
      own: childState(flags, ctx, count),
      shardCount: count,
    };
    const whole = formatShards(Array.from({ length: count }, (_, id) => id));
    if (metrics) {
      monitor = await serveForChildren(metrics, plans, endpoint.token);
      info(`Metrics and status on ${monitor.url}`);
    }
    const supervision = supervise({
      plans,
      start: clusterStart({
        exec: BIN,
        cwd: ctx.cwd,
        args: (plan, restart) => childArgs(command, plan, restart),
        env: childEnv(ctx.env, endpoint, metrics !== undefined),
        ...(monitor ? { onFork: monitor.onFork } : {}),
        onLines: (plan, stream, lines) => {
          if (stream === 'out') ctx.sink.out(lines.join('\n'));
          else labelled(ctx.sink, plan).err(lines.join('\n'));
        },
      }),
      clock: createSystemClock(),
      say: (plan, message, warning) => say(plan ?? whole, message, warning),
      stopTimeoutMs: graceMs + STOP_MARGIN_MS,
    });
    stop = supervision.stop;
    kill = supervision.kill;
    reload = supervision.reload;
    return await supervision.done;
  } finally {
    removeStop();
    ctx.signals.off('SIGHUP', onHangUp);
    await monitor?.close();
    await endpoint.close();
  }
}

/**
 * --metrics: the parent serves for every child, asking them over the cluster channel; loaded
 * only then (prom-client and the server).
 */
async function serveForChildren(metrics: MetricsOptions, plans: ChildPlan[], token: string) {
  const reports = childReports(plans, Date.now);
  const { startChildrenMonitor } = await import('../service/children-monitor.js');
  const served = await startChildrenMonitor({
    ...metrics,
    ...reports,
    now: Date.now,
    secrets: [token],
  });
  return { ...served, onFork: reports.onFork };
}

/**
 * Where a child keeps its state: by default, beside the config under its range's name (run.ts);
 * in a file the user named, that name with the range in it; none with --no-state, or for
 * --sandbox without a name (its world is new at every start).
 */
function childState(flags: ProcessesFlags, ctx: CliContext, count: number) {
  const given = typeof flags.state === 'string' ? flags.state : ctx.env.DISCLOOP_STATE;
  return (plan: ChildPlan): string[] => {
    if (flags.state === false) return ['--no-state'];
    if (given) return [`--state=${rangeStateFile(path.resolve(ctx.cwd, given), plan.ids, count)}`];
    return flags.sandbox ? ['--no-state'] : [];
  };
}

/** Diagnostics of one child, each line under its shard range: `[shards 0-1] …`. */
function labelled(sink: Sink, plan: ChildPlan): Sink {
  const prefix = `[shards ${plan.shards}] `;
  return {
    ...sink,
    err: (text) => sink.err(text.replace(/^/gm, prefix)),
  };
}

/**
 * The parent's own lines, about one child (under its range) or all of them (`shards` being the
 * whole range): text on stderr; with --json, warnings (a crash, a restart) are NDJSON lines
 * carrying the shards they concern, and still said on stderr, where people read diagnostics.
 */
function parentSay(flags: ProcessesFlags, ctx: CliContext) {
  const verbosity = verbosityOf(flags);
  const style = styleFor(colorWanted(ctx.stderr, flags.color, ctx.env));
  return (about: ChildPlan | string | undefined, message: string, warning: boolean) => {
    const sink = typeof about === 'object' ? labelled(ctx.sink, about) : ctx.sink;
    const shards = typeof about === 'object' ? about.shards : (about ?? '');
    const event = warning
      ? ({ type: 'warning', message } as const)
      : ({ type: 'info', message } as const);
    if (flags.json && warning)
      jsonReporter({ sink, now: Date.now, once: false, verbosity, labels: { shards } }).report(
        event,
      );
    textReporter({ sink, style, once: false, verbosity }).report(event);
  };
}
