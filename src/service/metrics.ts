import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { ReportEvent } from '../output/events.js';
import type { ShardView } from './health.js';
import { createLoopSeries, type LoopSeries } from './loop-series.js';
import type { MonitoredLoop } from './monitor-state.js';

/** Past this many route templates, further ones count as `other`: a label must stay bounded. */
const MAX_ROUTES = 64;

export interface Metrics {
  contentType: string;
  /** The whole exposition, in Prometheus text format (UTF-8). */
  metrics(): Promise<Buffer>;
  observe(event: ReportEvent): void;
  /** What a child of `run --processes` gives prom-client's cluster aggregation to read. */
  registries(): Registry[];
}

/**
 * The loop series as a registry prom-client's AggregatorRegistry can read in a child: it only
 * calls getMetricsAsJSON, whose declared type wants fields (collect, a numeric type) the
 * library's own JSON does not have either.
 */
class LoopSeriesRegistry extends Registry {
  readonly #series: LoopSeries;
  constructor(series: LoopSeries) {
    super();
    this.#series = series;
  }
  override async getMetricsAsJSON() {
    return this.#series.json() as unknown as Awaited<ReturnType<Registry['getMetricsAsJSON']>>;
  }
}

/**
 * The one place discloop's Prometheus metrics are defined (SPEC §8). prom-client, on a registry
 * of discloop's own (never its global one), has the default process and Node.js metrics, the
 * gateway and the rate limits; the series labelled by loop are counted and rendered by
 * loop-series.ts, which a thousand loops need to keep a scrape cheap. Every label is bounded:
 * loop names and actions come from the config, outcomes and reasons are enums, routes are
 * templates (any id left in one becomes `:id`), capped in number.
 */
export function createMetrics(loops: readonly MonitoredLoop[], shards: () => ShardView[]): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  new Gauge({
    name: 'discloop_gateway_connected',
    help: 'Whether the shard is connected to the Discord gateway (1) or not (0).',
    labelNames: ['shard'] as const,
    registers,
    collect() {
      for (const shard of shards()) this.set({ shard: String(shard.id) }, shard.connected ? 1 : 0);
    },
  });
  const reconnects = new Counter({
    name: 'discloop_gateway_reconnects_total',
    help: 'Gateway connections lost and regained, by shard and whether the session was resumed.',
    labelNames: ['shard', 'resumed'] as const,
    registers,
  });
  const rateLimits = new Counter({
    name: 'discloop_rate_limits_total',
    help: 'Rate limits hit (once per limit, not per retry), by route template.',
    labelNames: ['route'] as const,
    registers,
  });

  const series = createLoopSeries();
  for (const { name, action } of loops) series.declare(name, action);

  const routes = new Set<string>();
  const routeLabel = (route: string) => {
    const template = route.replace(/\d{5,}/g, ':id').slice(0, 120);
    if (routes.has(template)) return template;
    if (routes.size >= MAX_ROUTES) return 'other';
    routes.add(template);
    return template;
  };

  return {
    contentType: registry.contentType,
    async metrics() {
      return Buffer.concat([Buffer.from(await registry.metrics()), series.bytes()]);
    },
    registries: () => [registry, new LoopSeriesRegistry(series)],
    observe(event) {
      switch (event.type) {
        case 'run':
        case 'skip':
          series.observe(event);
          break;
        case 'reconnect':
          reconnects.inc({ shard: String(event.shard), resumed: String(event.resumed) });
          break;
        case 'rate-limit':
          rateLimits.inc({ route: routeLabel(event.route) });
          break;
      }
    },
  };
}
