import { AggregatorRegistry, collectDefaultMetrics, Gauge, Registry } from 'prom-client';

/**
 * In a child of `run --processes --metrics`: answer the parent's scrapes with these registries,
 * by prom-client's own cluster protocol. prom-client keeps them in its module and installs its
 * answering listener only when an AggregatorRegistry is made, hence the `new`.
 */
export function answerClusterScrapes(registries: Registry[], shards: () => string): void {
  AggregatorRegistry.setRegistries(registries.map((registry) => labelledWith(registry, shards)));
  new AggregatorRegistry();
}

type MetricsJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

/**
 * A child's series carry its shard range (`shards="0-1"`): a loop that runs in several children
 * is one series per child, so a child's restart resets only its own counters, as Prometheus
 * expects of a counter, and `sum by (loop)` adds them up at query time.
 */
export function labelledWith(registry: Registry, shards: () => string): Registry {
  return new (class extends Registry {
    override async getMetricsAsJSON(): Promise<MetricsJson> {
      const label = { shards: shards() };
      return (await registry.getMetricsAsJSON()).map((family) => ({
        ...family,
        values: family.values.map((value) => ({
          ...value,
          labels: { ...value.labels, ...label },
        })),
      })) as MetricsJson;
    }
  })();
}

/** The parent's own metrics are named apart: the children's `process_*` are summed under theirs. */
const PARENT_PREFIX = 'discloop_parent_';

/**
 * In the parent: every child's metrics gathered by prom-client's AggregatorRegistry (each child's
 * series apart by their `shards` label), then the parent's own process metrics and which children are up.
 * prom-client asks every connected child: one that has not set up its answer yet fails the
 * scrape after 5 s, so the caller waits for starting children first.
 */
export function clusterMetrics(children: () => { shards: string; up: boolean }[]) {
  const aggregator = new AggregatorRegistry();
  const own = new Registry();
  collectDefaultMetrics({ register: own, prefix: PARENT_PREFIX });
  new Gauge({
    name: 'discloop_child_up',
    help: 'Whether the child process running these shards is up (1) or down: crashed, or done (0).',
    labelNames: ['shards'] as const,
    registers: [own],
    collect() {
      for (const child of children()) this.set({ shards: child.shards }, child.up ? 1 : 0);
    },
  });
  return {
    contentType: aggregator.contentType,
    async metrics(): Promise<Buffer> {
      const [merged, parent] = await Promise.all([aggregator.clusterMetrics(), own.metrics()]);
      return Buffer.from(merged === '' ? parent : `${merged}\n${parent}`);
    },
  };
}
