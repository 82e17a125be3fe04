import type { Reporter } from '../output/events.js';
import { describeSchedule } from '../schedule/describe.js';
import type { LoopPlan } from '../schedule/schedule.js';
import { type Listen, urlOf } from './listen.js';
import { createMetrics } from './metrics.js';
import { createMonitorState } from './monitor-state.js';
import { serve, stop } from './server.js';

export interface MonitorOptions {
  listen: Listen;
  /** How long a shard may stay disconnected before /healthz answers 503. */
  healthGraceMs: number;
  /** The loops to show from the start; `action` (its name) makes their series exist at 0. */
  loops: readonly (Pick<LoopPlan, 'name' | 'schedule' | 'count'> & { action?: string })[];
  /** Wall-clock epoch ms. */
  now: () => number;
  /** Never served, whatever carries them (the bot token). */
  secrets?: readonly string[];
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
  loops,
  now,
  secrets = [],
}: MonitorOptions): Promise<Monitor> {
  const known = loops.map(({ name, schedule, count, action }) => ({
    name,
    schedule: describeSchedule(schedule),
    count,
    action,
  }));
  const state = createMonitorState(known, now);
  const metrics = createMetrics(known, state.shards);
  const { server, bound } = await serve(listen, {
    metrics: async () => ({ contentType: metrics.contentType, body: await metrics.metrics() }),
    status: state.status,
    health: () => state.health(healthGraceMs),
    ready: () => state.ready,
    secrets,
  });
  return {
    reporter: {
      report(event) {
        state.apply(event);
        metrics.observe(event);
      },
    },
    url: urlOf(bound),
    close: () => stop(server),
  };
}
