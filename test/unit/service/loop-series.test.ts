import { describe, expect, it } from 'vitest';
import { createLoopSeries } from '../../../src/service/loop-series.js';

const run = (loop: string, action: string, finishedAt: number) => ({
  type: 'run' as const,
  loop,
  action,
  count: undefined,
  iteration: 1,
  scheduledAt: 0,
  startedAt: 0,
  finishedAt,
  attempts: 1,
  ok: true as const,
  data: {},
  text: '',
});

describe('the series labelled by loop', () => {
  it('are empty until a loop is known', () => {
    expect(createLoopSeries().bytes().length).toBe(0);
  });

  it('escape label values as the text format says: backslash, double quote, line feed', () => {
    const series = createLoopSeries();
    series.declare('a"b\\c\nd', 'act"ion');
    const text = series.bytes().toString();
    expect(text).toContain(
      'discloop_runs_total{loop="a\\"b\\\\c\\nd",action="act\\"ion",outcome="ok"} 0\n',
    );
    expect(text.split('\n').filter((line) => line.includes('a"b'))).toEqual([]);
  });

  it('render again only what changed, and every change shows at the next scrape', () => {
    const series = createLoopSeries();
    series.declare('a', 'guilds');
    series.declare('b', 'guilds');
    const first = series.bytes();
    expect(series.bytes()).toBe(first);
    series.observe(run('b', 'guilds', 2000));
    const second = series.bytes().toString();
    expect(second).toContain('discloop_runs_total{loop="b",action="guilds",outcome="ok"} 1\n');
    expect(second).toContain('discloop_runs_total{loop="a",action="guilds",outcome="ok"} 0\n');
    expect(second).toContain('discloop_last_success_timestamp_seconds{loop="b"} 2\n');
    // The family appears with its first sample, not before.
    expect(first.toString()).not.toContain('discloop_last_success_timestamp_seconds');
  });

  it('count each observation in the first bucket it fits, cumulatively, with +Inf, sum and count', () => {
    const series = createLoopSeries();
    for (const ms of [40, 50, 700, 200_000]) series.observe(run('a', 'guilds', ms));
    const lines = series
      .bytes()
      .toString()
      .split('\n')
      .filter((line) => line.startsWith('discloop_run_duration_seconds'));
    expect(lines).toEqual([
      'discloop_run_duration_seconds_bucket{le="0.05",loop="a"} 2',
      'discloop_run_duration_seconds_bucket{le="0.1",loop="a"} 2',
      'discloop_run_duration_seconds_bucket{le="0.25",loop="a"} 2',
      'discloop_run_duration_seconds_bucket{le="0.5",loop="a"} 2',
      'discloop_run_duration_seconds_bucket{le="1",loop="a"} 3',
      'discloop_run_duration_seconds_bucket{le="2.5",loop="a"} 3',
      'discloop_run_duration_seconds_bucket{le="5",loop="a"} 3',
      'discloop_run_duration_seconds_bucket{le="10",loop="a"} 3',
      'discloop_run_duration_seconds_bucket{le="30",loop="a"} 3',
      'discloop_run_duration_seconds_bucket{le="120",loop="a"} 3',
      'discloop_run_duration_seconds_bucket{le="+Inf",loop="a"} 4',
      'discloop_run_duration_seconds_sum{loop="a"} 200.79',
      'discloop_run_duration_seconds_count{loop="a"} 4',
    ]);
  });
});
