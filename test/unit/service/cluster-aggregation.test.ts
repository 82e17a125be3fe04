import { AggregatorRegistry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { ReportEvent } from '../../../src/output/events.js';
import { labelledWith } from '../../../src/service/cluster-metrics.js';
import { createMetrics } from '../../../src/service/metrics.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

const ok = (loop: string, finishedAt: number, durationMs: number): ReportEvent => ({
  type: 'run',
  loop,
  action: 'list-voice',
  count: undefined,
  iteration: 1,
  scheduledAt: finishedAt - durationMs,
  startedAt: finishedAt - durationMs,
  finishedAt,
  attempts: 1,
  ok: true,
  data: {},
  text: '',
});

/** A child's metrics: `voice` runs in both children, `only-${shard}` in one. */
function child(shard: number) {
  const metrics = createMetrics(
    [
      { name: 'voice', schedule: null, action: 'list-voice' },
      { name: `only-${shard}`, schedule: null, action: 'list-voice' },
    ],
    () => [{ id: shard, connected: true, since: T0 }],
  );
  return { ...metrics, shards: String(shard) };
}

/** What the parent serves: each child's registries as prom-client's cluster support merges them. */
async function aggregated(...children: ReturnType<typeof child>[]): Promise<string> {
  const answers = await Promise.all(
    children.flatMap((c) =>
      c.registries().map((registry) => labelledWith(registry, () => c.shards).getMetricsAsJSON()),
    ),
  );
  return AggregatorRegistry.aggregate(answers).metrics();
}

const sampleOf = (text: string, series: string) =>
  Number(
    text
      .split('\n')
      .find((line) => line.startsWith(`${series} `))
      ?.slice(series.length + 1),
  );

describe('the metrics of run --processes, merged by prom-client', () => {
  it('keep a loop that runs in several children one series per child, by its shards', async () => {
    const [a, b] = [child(0), child(2)];
    a.observe(ok('voice', T0 + 1000, 30));
    a.observe(ok('voice', T0 + 2000, 300));
    b.observe(ok('voice', T0 + 1500, 30));
    b.observe({
      type: 'skip',
      loop: 'voice',
      tick: 3,
      scheduledAt: T0,
      reason: 'overlap',
      ticks: 2,
    });
    const text = await aggregated(a, b);
    const runs = (shards: string) =>
      `discloop_runs_total{loop="voice",action="list-voice",outcome="ok",shards="${shards}"}`;
    expect(sampleOf(text, runs('0'))).toBe(2);
    expect(sampleOf(text, runs('2'))).toBe(1);
    expect(sampleOf(text, 'discloop_skips_total{loop="voice",reason="overlap",shards="2"}')).toBe(
      2,
    );
    const duration = (series: string, labels: string) =>
      sampleOf(text, `discloop_run_duration_seconds_${series}{${labels}}`);
    expect(duration('bucket', 'le="0.05",loop="voice",shards="0"')).toBe(1);
    expect(duration('bucket', 'le="+Inf",loop="voice",shards="0"')).toBe(2);
    expect(duration('count', 'loop="voice",shards="2"')).toBe(1);
    expect(duration('sum', 'loop="voice",shards="0"')).toBeCloseTo(0.33);
    // One family each, as Prometheus wants it.
    expect(text.match(/^# TYPE discloop_runs_total counter$/gm)).toHaveLength(1);
    expect(text.match(/^# TYPE discloop_run_duration_seconds histogram$/gm)).toHaveLength(1);
  });

  it('keep each child’s last success, its own loops, and each shard apart', async () => {
    const [a, b] = [child(0), child(2)];
    a.observe(ok('voice', T0 + 1000, 30));
    b.observe(ok('voice', T0 + 9000, 30));
    const text = await aggregated(a, b);
    expect(sampleOf(text, 'discloop_last_success_timestamp_seconds{loop="voice",shards="2"}')).toBe(
      (T0 + 9000) / 1000,
    );
    expect(
      sampleOf(
        text,
        'discloop_runs_total{loop="only-0",action="list-voice",outcome="ok",shards="0"}',
      ),
    ).toBe(0);
    expect(text).not.toContain('loop="only-0",action="list-voice",outcome="ok",shards="2"');
    expect(sampleOf(text, 'discloop_gateway_connected{shard="0",shards="0"}')).toBe(1);
    expect(sampleOf(text, 'discloop_gateway_connected{shard="2",shards="2"}')).toBe(1);
    expect(text).toMatch(/^process_resident_memory_bytes\{shards="0"\} /m);
    expect(text).toMatch(/^process_resident_memory_bytes\{shards="2"\} /m);
  });

  it('escape label values once, as a single process does', async () => {
    const metrics = createMetrics(
      [{ name: 'a"b\\c', schedule: null, action: 'act"ion' }],
      () => [],
    );
    const text = await aggregated({ ...metrics, shards: '0-1' });
    expect(text).toContain(
      'discloop_runs_total{loop="a\\"b\\\\c",action="act\\"ion",outcome="ok",shards="0-1"} 0',
    );
  });
});
