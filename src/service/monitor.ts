import type { Reporter } from '../output/events.js';
import { describeSchedule } from '../schedule/describe.js';
import type { LoopPlan } from '../schedule/schedule.js';
import { type Listen, urlOf } from './listen.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createMonitorState, type MonitorState } from './monitor-state.js';
import { serve, stop } from './server.js';

export interface WatchOptions {
  /** The loops to show from the start; `action` (its name) makes their series exist at 0. */
  loops: readonly (Pick<LoopPlan, 'name' | 'schedule' | 'count'> & { action?: string })[];
  /** Wall-clock epoch ms. */
  now: () => number;
  /** The range of shards this process runs (`2-3`), once known; none: all of them. */
  shardsHere?: () => string | undefined;
}

export interface MonitorOptions extends WatchOptions {
  listen: Listen;
  /** How long a shard may stay disconnected before /healthz answers 503. */
  healthGraceMs: number;
  /** Never served, whatever carries them (the bot token). */
  secrets?: readonly string[];
}

/** The run as the monitor sees it: its state and metrics, and the reporter that feeds both. */
export interface Watch {
  state: MonitorState;
  metrics: Metrics;
  reporter: Reporter;
}

/** State and metrics folded from the one event stream the reporters get. */
export function watchRun({ loops, now, shardsHere }: WatchOptions): Watch {
  const known = loops.map(({ name, schedule, count, action }) => ({
    name,
    schedule: describeSchedule(schedule),
    count,
    action,
  }));
  const state = createMonitorState(known, now, shardsHere);
  const metrics = createMetrics(known, state.shards);
  return {
    state,
    metrics,
    reporter: {
      report(event) {
        state.apply(event);
        metrics.observe(event);
      },
    },
  };
}

export interface Monitor {
  /** Feed it the run's events, as the text and NDJSON reporters are fed. */
  reporter: Reporter;
  /** Where it listens, e.g. http://127.0.0.1:9464/ */
  url: string;
  close(): Promise<void>;
}

/**
 * `run --metrics` (SPEC §8): /metrics, /healthz, /readyz, /status and a status page, all
 * from the one event stream the reporters get. Resolves once the server listens; a port in use
 * is a usage error.
 */
export async function startMonitor({
  listen,
  healthGraceMs,
  secrets = [],
  ...watched
}: MonitorOptions): Promise<Monitor> {
  const { state, metrics, reporter } = watchRun(watched);
  const { server, bound } = await serve(listen, {
    metrics: async () => ({ contentType: metrics.contentType, body: await metrics.metrics() }),
    status: state.status,
    health: () => state.health(healthGraceMs),
    ready: () => state.ready,
    secrets,
  });
  return {
    reporter,
    url: urlOf(bound),
    close: () => stop(server),
  };
}
