import { describe, expect, it } from 'vitest';
import type { LoopEvent, RunTask } from '../../../src/schedule/loop-runner.js';
import type { LoopPlan } from '../../../src/schedule/schedule.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { startOneLoop } from '../../helpers/one-loop.js';

const T0 = Date.UTC(2026, 0, 1);

function plan(overrides: Partial<LoopPlan> = {}): LoopPlan {
  return {
    name: 'l',
    schedule: { kind: 'interval', everyMs: 1000 },
    overlap: 'skip',
    onError: 'continue',
    ...overrides,
  };
}

function setup(p: LoopPlan, makeTask: (clock: FakeClock) => RunTask = () => async () => 'ok') {
  const clock = new FakeClock(T0);
  const events: LoopEvent[] = [];
  const handle = startOneLoop(p, makeTask(clock), { clock, emit: (e) => events.push(e) });
  const runs = () => events.flatMap((e) => (e.type === 'run' ? [e] : []));
  const skips = () => events.flatMap((e) => (e.type === 'skip' ? [e] : []));
  const ends = () => events.flatMap((e) => (e.type === 'end' ? [e] : []));
  return { clock, events, handle, runs, skips, ends };
}

/** A task that takes `ms` of fake time. */
const taking =
  (ms: number) =>
  (clock: FakeClock): RunTask =>
  () =>
    new Promise((resolve) => clock.setTimer(() => resolve('done'), ms));

describe('interval loops', () => {
  it('run at once, then at t0 + k·interval, whatever each run takes', async () => {
    const s = setup(plan({ count: 5 }), taking(300));
    await s.clock.advance(10_000);
    expect(s.runs().map((r) => r.run.scheduledAt - T0)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(s.runs().map((r) => r.run.startedAt - T0)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(s.runs().map((r) => r.run.iteration)).toEqual([1, 2, 3, 4, 5]);
  });

  it('announces when each next run is due, until the last one', async () => {
    const s = setup(plan({ count: 3 }));
    await s.clock.advance(10_000);
    const next = s.events.flatMap((e) => (e.type === 'next' ? [e.at - T0] : []));
    expect(next).toEqual([0, 1000, 2000]);
  });

  it('adds seconds, minutes and hours up into one interval', async () => {
    const s = setup(plan({ schedule: { kind: 'interval', everyMs: 90 * 60_000 }, count: 2 }));
    await s.clock.advance(3 * 3600_000);
    expect(s.runs().map((r) => r.run.scheduledAt - T0)).toEqual([0, 5_400_000]);
  });

  it('stops after count runs and reports the end with the number of runs', async () => {
    const s = setup(plan({ count: 3 }));
    await s.clock.advance(60_000);
    expect(s.runs()).toHaveLength(3);
    expect(s.ends()).toEqual([{ type: 'end', loop: 'l', runs: 3, reason: 'count' }]);
    expect(s.clock.pendingTimers).toBe(0);
    await expect(s.handle.done).resolves.toBeUndefined();
  });

  it('never arms a timer longer than 30 s, so long intervals are re-checked and chained', async () => {
    const s = setup(plan({ schedule: { kind: 'interval', everyMs: 30 * 86_400_000 }, count: 2 }));
    await s.clock.advance(31 * 86_400_000);
    expect(s.runs().map((r) => r.run.scheduledAt - T0)).toEqual([0, 30 * 86_400_000]);
    expect(Math.max(...s.clock.delays)).toBeLessThanOrEqual(30_000);
  });

  it('keeps its pace when the wall clock jumps (intervals are monotonic)', async () => {
    const s = setup(plan({ count: 3 }));
    await s.clock.advance(500);
    s.clock.jumpWall(-3_600_000);
    await s.clock.advance(5000);
    expect(s.runs().map((r) => r.run.startedAt - r.run.scheduledAt)).toEqual([0, 0, 0]);
  });

  it('skips and reports ticks missed while the process was paused, without bunching', async () => {
    const s = setup(plan({ count: 4 }));
    await s.clock.advance(1500);
    await s.clock.pause(3700); // now 5200: ticks 2000 (late), 3000, 4000, 5000 were due
    await s.clock.advance(2000);
    const scheduled = s.runs().map((r) => r.run.scheduledAt - T0);
    expect(scheduled).toEqual([0, 1000, 2000, 6000]);
    expect(s.skips()).toEqual([
      { type: 'skip', loop: 'l', tick: 4, scheduledAt: T0 + 3000, reason: 'missed', ticks: 3 },
    ]);
  });
});

describe('overlap', () => {
  it('skip (default): a tick due while the previous run is going is skipped and reported', async () => {
    const s = setup(plan({ count: 2 }), taking(2500));
    await s.clock.advance(10_000);
    expect(s.runs().map((r) => r.run.scheduledAt - T0)).toEqual([0, 3000]);
    // Skips name the slot they skipped, not the iteration of the next run.
    expect(s.skips().map((k) => [k.reason, k.scheduledAt - T0, k.tick])).toEqual([
      ['overlap', 1000, 2],
      ['overlap', 2000, 3],
    ]);
  });

  it('wait: runs once right after the previous run, never bunching more than one', async () => {
    const s = setup(plan({ count: 3, overlap: 'wait' }), taking(2500));
    await s.clock.advance(10_000);
    expect(s.runs().map((r) => [r.run.scheduledAt - T0, r.run.startedAt - T0])).toEqual([
      [0, 0],
      [1000, 2500],
      [3000, 5000],
    ]);
    expect(s.skips().map((k) => k.scheduledAt - T0)).toEqual([2000, 4000]);
  });

  it('allow: runs concurrently', async () => {
    const s = setup(plan({ count: 3, overlap: 'allow' }), taking(2500));
    await s.clock.advance(10_000);
    expect(s.runs().map((r) => r.run.startedAt - T0)).toEqual([0, 1000, 2000]);
    expect(s.skips()).toEqual([]);
  });
});

describe('failures', () => {
  it('continue (default): a failing run is reported and the schedule goes on', async () => {
    const s = setup(plan({ count: 3 }), () => async ({ iteration }) => {
      if (iteration === 2) throw new Error('boom');
      return iteration;
    });
    await s.clock.advance(5000);
    expect(s.runs().map((r) => r.ok)).toEqual([true, false, true]);
    const failed = s.runs()[1];
    expect(failed?.ok === false && (failed.error as Error).message).toBe('boom');
  });

  it('stop: the first failure ends this loop', async () => {
    const s = setup(plan({ count: 5, onError: 'stop' }), () => async ({ iteration }) => {
      if (iteration === 2) throw new Error('boom');
    });
    await s.clock.advance(10_000);
    expect(s.runs()).toHaveLength(2);
    expect(s.ends()).toEqual([{ type: 'end', loop: 'l', runs: 2, reason: 'error' }]);
  });

  it('a run longer than its timeout fails with code timeout and its signal is aborted', async () => {
    const signals: AbortSignal[] = [];
    const s = setup(plan({ count: 1, timeoutMs: 500 }), (clock) => (request) => {
      signals.push(request.signal);
      return taking(2000)(clock)(request);
    });
    await s.clock.advance(3000);
    const [run] = s.runs();
    expect(run?.ok).toBe(false);
    expect(run?.ok === false && (run.error as { code: string }).code).toBe('timeout');
    expect(run?.run.finishedAt).toBe(T0 + 500);
    expect(signals[0]?.aborted).toBe(true);
    expect(s.runs()).toHaveLength(1);
  });
});

describe('jitter and stopping', () => {
  it('delays each run by up to jitter', async () => {
    const s = setup(plan({ count: 2, jitterMs: 400 }));
    s.clock.randomValue = 0.25;
    await s.clock.advance(5000);
    expect(s.runs().map((r) => r.run.startedAt - T0)).toEqual([100, 1100]);
  });

  it('stop() ends a loop without a count and lets the in-flight run finish', async () => {
    const s = setup(plan(), taking(400));
    await s.clock.advance(1100);
    const stopped = s.handle.stop();
    await s.clock.advance(1000);
    await stopped;
    expect(s.runs()).toHaveLength(2);
    expect(s.ends()).toEqual([{ type: 'end', loop: 'l', runs: 2, reason: 'stopped' }]);
    expect(s.clock.pendingTimers).toBe(0);
  });
});

describe('wall-clock loops (time and cron)', () => {
  const atNine = {
    name: 'daily',
    schedule: { kind: 'time' as const, times: ['09:00'], timezone: 'UTC' },
    overlap: 'skip' as const,
    onError: 'continue' as const,
  };

  it('run at the time of day, and not again when the wall clock steps back over it', async () => {
    const clock = new FakeClock(Date.parse('2026-11-24T08:59:50Z'));
    const events: LoopEvent[] = [];
    startOneLoop({ ...atNine, count: 2 }, async () => 'ok', { clock, emit: (e) => events.push(e) });
    await clock.advance(20_000);
    clock.jumpWall(-30_000); // 08:59:40 again: 09:00 today is done and must stay done
    await clock.advance(86_400_000 + 60_000);
    const runs = events.flatMap((e) => (e.type === 'run' ? [e.run] : []));
    expect(runs.map((r) => new Date(r.scheduledAt).toISOString())).toEqual([
      '2026-11-24T09:00:00.000Z',
      '2026-11-25T09:00:00.000Z',
    ]);
  });

  it('after a suspend over several days, run once and report the days missed', async () => {
    const clock = new FakeClock(Date.parse('2026-11-24T08:00:00Z'));
    const events: LoopEvent[] = [];
    startOneLoop({ ...atNine, count: 3 }, async () => 'ok', { clock, emit: (e) => events.push(e) });
    await clock.pause(3 * 86_400_000 + 1000); // wakes on the 27th at 08:00:01
    await clock.advance(2 * 86_400_000);
    const runs = events.flatMap((e) =>
      e.type === 'run' ? [new Date(e.run.scheduledAt).toISOString()] : [],
    );
    expect(runs).toEqual([
      '2026-11-24T09:00:00.000Z',
      '2026-11-27T09:00:00.000Z',
      '2026-11-28T09:00:00.000Z',
    ]);
    expect(events.filter((e) => e.type === 'skip')).toMatchObject([{ reason: 'missed', ticks: 2 }]);
  });

  it('chain a month-long wait through capped timers (past 24.8 days)', async () => {
    const clock = new FakeClock(Date.parse('2026-01-02T00:00:00Z'));
    const events: LoopEvent[] = [];
    const schedule = { kind: 'cron' as const, expression: '0 0 1 * *', timezone: 'UTC' };
    startOneLoop({ ...atNine, schedule, count: 1 }, async () => 'ok', {
      clock,
      emit: (e) => events.push(e),
    });
    await clock.advance(31 * 86_400_000);
    const runs = events.flatMap((e) =>
      e.type === 'run' ? [new Date(e.run.scheduledAt).toISOString()] : [],
    );
    expect(runs).toEqual(['2026-02-01T00:00:00.000Z']);
    expect(Math.max(...clock.delays)).toBeLessThanOrEqual(30_000);
  });
});
