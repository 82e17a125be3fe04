import { describe, expect, it } from 'vitest';
import type { ReportEvent } from '../../../src/output/events.js';
import type { ShardView } from '../../../src/service/health.js';
import { createMetrics } from '../../../src/service/metrics.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

function metrics(shards: ShardView[] = []) {
  return createMetrics(
    [{ name: 'voice-report', schedule: 'every 10s', count: 5, action: 'list-voice' }],
    () => shards,
  );
}

/** The sample lines of one metric family (histograms: _bucket, _sum, _count), in order. */
async function samples(m: ReturnType<typeof metrics>, name: string): Promise<string[]> {
  const lines = (await m.metrics()).toString().split('\n');
  return lines.filter((line) => new RegExp(`^${name}(_bucket|_sum|_count)?[{ ]`).test(line));
}

const run = (
  ok: boolean,
  unknown = false,
  loop = 'voice-report',
  action = 'list-voice',
): ReportEvent => {
  const base = {
    type: 'run' as const,
    loop,
    action,
    count: 5,
    iteration: 1,
    scheduledAt: T0,
    startedAt: T0 + 20,
    finishedAt: T0 + 320,
    attempts: 1,
  };
  return ok
    ? { ...base, ok: true, data: {}, text: '' }
    : {
        ...base,
        ok: false,
        error: { code: 'timeout', message: 'slow' },
        ...(unknown ? { outcome: 'unknown' as const } : {}),
      };
};

describe('the metrics', () => {
  it('have every configured loop at 0 before its first run', async () => {
    const m = metrics();
    expect(await samples(m, 'discloop_runs_total')).toEqual([
      'discloop_runs_total{loop="voice-report",action="list-voice",outcome="ok"} 0',
      'discloop_runs_total{loop="voice-report",action="list-voice",outcome="failed"} 0',
      'discloop_runs_total{loop="voice-report",action="list-voice",outcome="unknown"} 0',
    ]);
    expect(await samples(m, 'discloop_skips_total')).toHaveLength(3);
    expect(await samples(m, 'discloop_run_lateness_seconds')).toContain(
      'discloop_run_lateness_seconds_count{loop="voice-report"} 0',
    );
  });

  it('count runs by outcome, with their lateness, duration and last success', async () => {
    const m = metrics();
    for (const event of [run(true), run(true), run(false), run(false, true)]) m.observe(event);
    expect(await samples(m, 'discloop_runs_total')).toEqual([
      'discloop_runs_total{loop="voice-report",action="list-voice",outcome="ok"} 2',
      'discloop_runs_total{loop="voice-report",action="list-voice",outcome="failed"} 1',
      'discloop_runs_total{loop="voice-report",action="list-voice",outcome="unknown"} 1',
    ]);
    const lateness = await samples(m, 'discloop_run_lateness_seconds');
    expect(lateness).toContain(
      'discloop_run_lateness_seconds_bucket{le="0.01",loop="voice-report"} 0',
    );
    expect(lateness).toContain(
      'discloop_run_lateness_seconds_bucket{le="0.05",loop="voice-report"} 4',
    );
    expect(lateness).toContain('discloop_run_lateness_seconds_sum{loop="voice-report"} 0.08');
    const duration = await samples(m, 'discloop_run_duration_seconds');
    expect(duration).toContain('discloop_run_duration_seconds_count{loop="voice-report"} 4');
    expect(duration).toContain(
      'discloop_run_duration_seconds_bucket{le="0.25",loop="voice-report"} 0',
    );
    expect(duration).toContain(
      'discloop_run_duration_seconds_bucket{le="0.5",loop="voice-report"} 4',
    );
    expect(await samples(m, 'discloop_last_success_timestamp_seconds')).toEqual([
      `discloop_last_success_timestamp_seconds{loop="voice-report"} ${(T0 + 320) / 1000}`,
    ]);
  });

  it('count skipped slots by reason', async () => {
    const m = metrics();
    m.observe({
      type: 'skip',
      loop: 'voice-report',
      tick: 3,
      scheduledAt: T0,
      reason: 'downtime',
      ticks: 4,
    });
    m.observe({
      type: 'skip',
      loop: 'voice-report',
      tick: 9,
      scheduledAt: T0,
      reason: 'overlap',
      ticks: 1,
    });
    expect(await samples(m, 'discloop_skips_total')).toEqual([
      'discloop_skips_total{loop="voice-report",reason="overlap"} 1',
      'discloop_skips_total{loop="voice-report",reason="missed"} 0',
      'discloop_skips_total{loop="voice-report",reason="downtime"} 4',
    ]);
  });

  it('read the gateway from the shards at each scrape, and count reconnects', async () => {
    const shards: ShardView[] = [
      { id: 0, connected: true, since: T0 },
      { id: 1, connected: false, since: T0 },
    ];
    const m = metrics(shards);
    m.observe({ type: 'reconnect', shard: 0, resumed: true, downMs: 100, attempts: 1 });
    m.observe({ type: 'reconnect', shard: 0, resumed: false, downMs: 100, attempts: 2 });
    m.observe({ type: 'reconnect', shard: 0, resumed: true, downMs: 100, attempts: 1 });
    expect(await samples(m, 'discloop_gateway_connected')).toEqual([
      'discloop_gateway_connected{shard="0"} 1',
      'discloop_gateway_connected{shard="1"} 0',
    ]);
    expect(await samples(m, 'discloop_gateway_reconnects_total')).toEqual([
      'discloop_gateway_reconnects_total{shard="0",resumed="true"} 2',
      'discloop_gateway_reconnects_total{shard="0",resumed="false"} 1',
    ]);
  });

  it('label rate limits by route template, never by id, and in bounded number', async () => {
    const m = metrics();
    const limit = (route: string): ReportEvent => ({
      type: 'rate-limit',
      route,
      scope: 'user',
      retryAfterMs: 1000,
    });
    m.observe(limit('POST /channels/:id/messages'));
    m.observe(limit('POST /channels/123456789012345678/messages'));
    for (let i = 0; i < 200; i++) m.observe(limit(`PATCH /made-up-${i}`));
    const lines = await samples(m, 'discloop_rate_limits_total');
    expect(lines).toContain('discloop_rate_limits_total{route="POST /channels/:id/messages"} 2');
    expect(lines.join('\n')).not.toMatch(/\d{5,}/);
    expect(lines.length).toBeLessThanOrEqual(65);
    expect(lines).toContain('discloop_rate_limits_total{route="other"} 137');
  });

  it('include the standard process and Node.js metrics, in a registry of their own', async () => {
    const text = (await metrics().metrics()).toString();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toContain('nodejs_heap_size_used_bytes');
    // Two monitors in one process register the same names without clashing.
    expect(() => metrics()).not.toThrow();
  });

  it("list each family once, with one HELP and TYPE, every loop's samples under it", async () => {
    const m = createMetrics(
      [
        { name: 'a', schedule: null, action: 'guilds' },
        { name: 'b', schedule: null, action: 'guilds' },
      ],
      () => [],
    );
    m.observe(run(true, false, 'b', 'guilds'));
    const text = (await m.metrics()).toString();
    for (const family of ['discloop_runs_total', 'discloop_run_duration_seconds']) {
      expect(
        text
          .split('\n')
          .filter(
            (l) => l === `# TYPE ${family} ${family.endsWith('total') ? 'counter' : 'histogram'}`,
          ),
      ).toHaveLength(1);
    }
    const runs = text.slice(text.indexOf('# TYPE discloop_runs_total'));
    expect(runs.split('\n').slice(1, 7)).toEqual([
      'discloop_runs_total{loop="a",action="guilds",outcome="ok"} 0',
      'discloop_runs_total{loop="a",action="guilds",outcome="failed"} 0',
      'discloop_runs_total{loop="a",action="guilds",outcome="unknown"} 0',
      'discloop_runs_total{loop="b",action="guilds",outcome="ok"} 1',
      'discloop_runs_total{loop="b",action="guilds",outcome="failed"} 0',
      'discloop_runs_total{loop="b",action="guilds",outcome="unknown"} 0',
    ]);
  });

  it("show a loop's new runs at the next scrape, however many scrapes came before", async () => {
    const m = metrics();
    m.observe(run(true));
    expect(await samples(m, 'discloop_runs_total')).toContain(
      'discloop_runs_total{loop="voice-report",action="list-voice",outcome="ok"} 1',
    );
    await m.metrics();
    m.observe(run(true));
    expect(await samples(m, 'discloop_runs_total')).toContain(
      'discloop_runs_total{loop="voice-report",action="list-voice",outcome="ok"} 2',
    );
  });
});
