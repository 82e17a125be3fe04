import { describe, expect, it } from 'vitest';
import { ActionError } from '../../../src/errors.js';
import type { LoopEvent, RunTask } from '../../../src/schedule/loop-runner.js';
import type { LoopPlan } from '../../../src/schedule/schedule.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { startOneLoop } from '../../helpers/one-loop.js';

const T0 = Date.UTC(2026, 0, 1);
const plan = (overrides: Partial<LoopPlan>): LoopPlan => ({
  name: 'l',
  schedule: { kind: 'interval', everyMs: 60_000 },
  overlap: 'skip',
  onError: 'continue',
  ...overrides,
});

function setup(p: LoopPlan, task: RunTask) {
  const clock = new FakeClock(T0);
  clock.randomValue = 0.5; // no jitter in the retry delays
  const events: LoopEvent[] = [];
  startOneLoop(p, task, { clock, emit: (e) => events.push(e) });
  const runs = () => events.flatMap((e) => (e.type === 'run' ? [e] : []));
  return { clock, events, runs };
}

/** A task whose first `n` attempts fail with `error`. */
function failing(n: number, error: () => Error, sent = false): RunTask & { calls: number[] } {
  const calls: number[] = [];
  const task = (async ({ effects }) => {
    calls.push(calls.length + 1);
    if (calls.length <= n) {
      if (sent) effects.sent = true;
      throw error();
    }
    return 'done';
  }) as RunTask & { calls: number[] };
  task.calls = calls;
  return task;
}

const transient = () =>
  new ActionError('discord_unavailable', 'Discord failed to answer (HTTP 502)');
const refused = () => new ActionError('missing_permissions', 'the bot lacks Send Messages');

describe('retry', () => {
  it('tries a transient failure again after 1 s, 2 s, … and reports the attempts', async () => {
    const task = failing(2, transient);
    const s = setup(plan({ retry: 3, count: 1 }), task);
    await s.clock.advance(10_000);
    expect(s.runs()).toMatchObject([{ ok: true, run: { attempts: 3 } }]);
    expect(s.clock.delays.filter((d) => d === 1000 || d === 2000)).toEqual([1000, 2000]);
  });

  it('gives up after `retry` more attempts', async () => {
    const s = setup(plan({ retry: 1, count: 1 }), failing(5, transient));
    await s.clock.advance(10_000);
    expect(s.runs()).toMatchObject([{ ok: false, run: { attempts: 2 } }]);
  });

  it('never retries a refusal (403/404) or a bug', async () => {
    for (const error of [refused, () => new TypeError('oops')]) {
      const task = failing(1, error);
      const s = setup(plan({ retry: 3, count: 1 }), task);
      await s.clock.advance(10_000);
      expect(task.calls).toEqual([1]);
    }
  });

  it('never retries a run whose request may have reached Discord (no double posts)', async () => {
    const task = failing(1, transient, true);
    const s = setup(plan({ retry: 3, count: 1 }), task);
    await s.clock.advance(10_000);
    expect(task.calls).toEqual([1]);
    expect(s.runs()).toMatchObject([{ ok: false, outcome: 'unknown' }]);
  });

  it('a request Discord refused had no effect: failed, not unknown', async () => {
    const s = setup(plan({ retry: 3, count: 1 }), failing(1, refused, true));
    await s.clock.advance(10_000);
    expect(s.runs()).toHaveLength(1);
    expect(s.runs()[0]).not.toHaveProperty('outcome');
  });

  it('never retries past the next slot', async () => {
    const task = failing(5, transient);
    const s = setup(
      plan({ retry: 5, schedule: { kind: 'interval', everyMs: 2500 }, count: 1 }),
      task,
    );
    await s.clock.advance(20_000);
    // 1 s, then 2 s would pass the next slot at 2.5 s: two attempts.
    expect(s.runs()).toMatchObject([{ ok: false, run: { attempts: 2 } }]);
  });
});

describe('a loop Discord keeps refusing', () => {
  it('spaces its runs out, doubling, says so once, and is back on schedule at the first success', async () => {
    let failures = 5;
    const task: RunTask = async () => {
      if (failures-- > 0) throw refused();
      return 'ok';
    };
    const s = setup(plan({ schedule: { kind: 'interval', everyMs: 10_000 } }), task);
    await s.clock.advance(400_000);
    const at = s.runs().map((r) => (r.run.scheduledAt - T0) / 1000);
    // Every 10 s, then 20, 40, 80, 160 s apart; the 6th run succeeds and the pace is back.
    const gaps = at.slice(1).map((t, i) => t - (at[i] ?? 0));
    expect(gaps.slice(0, 5)).toEqual([10, 20, 40, 80, 160]);
    expect(gaps.slice(5)).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 10]);
    const backoffs = s.events.filter((e) => e.type === 'backoff');
    expect(backoffs.map((e) => e.type === 'backoff' && e.active)).toEqual([true, false]);
  });
});
