import { clusterMetrics } from './cluster-metrics.js';
import { type Listen, urlOf } from './listen.js';
import { allReady, type ChildView, mergedHealth, mergeStatus } from './merge-status.js';
import { serve, stop } from './server.js';

export interface ChildrenMonitorOptions {
  listen: Listen;
  /** How long a shard may stay disconnected, or a child down, before /healthz answers 503. */
  healthGraceMs: number;
  /** Asks each child for its status (over the cluster IPC channel). */
  collect(): Promise<ChildView[]>;
  /** Which children run now, without asking. */
  up(): { shards: string; up: boolean }[];
  /** Resolves once every running child can answer a metrics scrape. */
  scrapable(): Promise<void>;
  /** Wall-clock epoch ms. */
  now: () => number;
  /** Never served, whatever carries them (the bot token). */
  secrets?: readonly string[];
}

/**
 * `run --processes N --metrics` (SPEC §8, §9): the parent serves what one process would, for
 * all of its children: their metrics merged by prom-client, their status merged here. The
 * children serve nothing. Resolves once the server listens; a port in use is a usage error.
 */
export async function startChildrenMonitor({
  listen,
  healthGraceMs,
  collect,
  up,
  scrapable,
  now,
  secrets = [],
}: ChildrenMonitorOptions): Promise<{ url: string; close(): Promise<void> }> {
  const metrics = clusterMetrics(up);
  const { server, bound } = await serve(listen, {
    metrics: async () => {
      await scrapable();
      return { contentType: metrics.contentType, body: await metrics.metrics() };
    },
    status: async () => mergeStatus(await collect(), now()),
    health: async () => mergedHealth(await collect(), now(), healthGraceMs),
    ready: async () => allReady(await collect()),
    secrets,
  });
  return { url: urlOf(bound), close: () => stop(server) };
}
