import { describe, expect, it } from 'vitest';
import type { LoopSetup } from '../../../src/config/plans.js';
import { createLoopSet, type LoopState } from '../../../src/run/loop-set.js';
import type { LoopEvent, RunRequest } from '../../../src/schedule/loop-runner.js';
import type { LoopPlan } from '../../../src/schedule/schedule.js';
import { memoryStore, type StateStore } from '../../../src/state/store.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { noopAction } from '../../helpers/one-loop.js';

const T0 = Date.UTC(2026, 0, 1);

function loop(name: string, plan: Partial<LoopPlan> = {}, options = {}): LoopSetup {
  return {
    plan: {
      name,
      schedule: { kind: 'interval', everyMs: 1000 },
      overlap: 'skip',
      onError: 'continue',
      ...plan,
    },
    action: noopAction,
    options,
  };
}

/** A set whose runs take `durationMs` of fake time and count themselves in their loop's state. */
function setup(durationMs = 0) {
  const clock = new FakeClock(T0);
  const events: LoopEvent[] = [];
  const set = createLoopSet({
    clock,
    store: memoryStore(),
    say: () => {},
    emit: (event) => events.push(event),
    run: (_loop: LoopSetup, { iteration }: RunRequest, state: LoopState) =>
      new Promise((resolve) => {
        state.runs = Number(state.runs ?? 0) + 1;
        const finish = () => resolve({ iteration, seen: state.runs });
        if (durationMs === 0) finish();
        else clock.setTimer(finish, durationMs);
      }),
  });
  const runs = (name: string) =>
    events.flatMap((e) =>
      e.type === 'run' && e.run.loop === name
        ? [{ at: e.run.scheduledAt - T0, iteration: e.run.iteration, value: e.ok && e.value }]
        : [],
    );
  const ends = () => events.flatMap((e) => (e.type === 'end' ? [e] : []));
  return { clock, set, runs, ends };
}

describe('the loop set', () => {
  it('starts a loop added while others run, on its own schedule from when it was added', async () => {
    const s = setup();
    s.set.add(loop('a', { count: 5 }));
    await s.clock.advance(2500);
    s.set.add(loop('b', { count: 2 }));
    await s.clock.advance(10_000);
    expect(s.runs('a').map((r) => r.at)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(s.runs('b').map((r) => r.at)).toEqual([2500, 3500]);
    await expect(s.set.done).resolves.toBeUndefined();
  });

  it('refuses a second loop of the same name', () => {
    const s = setup();
    s.set.add(loop('a'));
    expect(() => s.set.add(loop('a'))).toThrow(/already running/);
  });

  it('removes one loop mid-run: its run in flight finishes, it ends as removed, the others go on', async () => {
    const s = setup(400);
    s.set.add(loop('a'), loop('b', { count: 4 }));
    await s.clock.advance(1200); // a's second run is in flight
    const removed = s.set.remove('a');
    let settled = false;
    void removed.then(() => {
      settled = true;
    });
    await s.clock.advance(100);
    expect(settled).toBe(false);
    await s.clock.advance(300);
    expect(settled).toBe(true);
    await s.clock.advance(5000);
    expect(s.runs('a').map((r) => r.iteration)).toEqual([1, 2]);
    expect(s.runs('b').map((r) => r.iteration)).toEqual([1, 2, 3, 4]);
    expect(s.ends()).toMatchObject([
      { loop: 'a', runs: 2, reason: 'removed' },
      { loop: 'b', runs: 4, reason: 'count' },
    ]);
    expect(s.set.names()).toEqual([]);
  });

  it('replaces a loop whose action and options are unchanged, keeping its state and run count', async () => {
    const s = setup();
    s.set.add(loop('a', { count: 5 }));
    await s.clock.advance(1500); // two runs done
    await s.set.replace(loop('a', { count: 5, schedule: { kind: 'interval', everyMs: 5000 } }));
    await s.clock.advance(20_000);
    expect(s.runs('a').map((r) => [r.at, r.iteration])).toEqual([
      [0, 1],
      [1000, 2],
      [1500, 3],
      [6500, 4],
      [11_500, 5],
    ]);
    expect(s.runs('a').at(-1)?.value).toEqual({ iteration: 5, seen: 5 });
    expect(s.ends()).toMatchObject([{ loop: 'a', runs: 5, reason: 'count' }]);
  });

  it('starts a loop afresh when its options change', async () => {
    const s = setup();
    s.set.add(loop('a', { count: 5 }, { content: 'one' }));
    await s.clock.advance(1500);
    await s.set.replace(loop('a', { count: 2 }, { content: 'two' }));
    await s.clock.advance(10_000);
    expect(s.runs('a').map((r) => r.value)).toEqual([
      { iteration: 1, seen: 1 },
      { iteration: 2, seen: 2 },
      { iteration: 1, seen: 1 },
      { iteration: 2, seen: 2 },
    ]);
  });

  it('begins the new version of a replaced loop only after the old run in flight has finished', async () => {
    const s = setup(600);
    s.set.add(loop('a', { count: 3 }));
    await s.clock.advance(100);
    const replaced = s.set.replace(loop('a', { count: 3 }));
    await s.clock.advance(3000);
    await replaced;
    expect(s.runs('a').map((r) => [r.at, r.iteration])).toEqual([
      [0, 1],
      [600, 2],
      [1600, 3],
    ]);
  });

  it('stop waits for the runs in flight, then every loop ends as stopped', async () => {
    const s = setup(700);
    s.set.add(loop('a'), loop('b'));
    await s.clock.advance(100);
    let stopped = false;
    void s.set.stop().then(() => {
      stopped = true;
    });
    await s.clock.advance(500);
    expect(stopped).toBe(false);
    await s.clock.advance(200);
    expect(stopped).toBe(true);
    expect(s.runs('a')).toHaveLength(1);
    expect(s.ends().map((e) => [e.loop, e.reason])).toEqual([
      ['a', 'stopped'],
      ['b', 'stopped'],
    ]);
    await expect(s.set.done).resolves.toBeUndefined();
    expect(s.clock.pendingTimers).toBe(0);
  });

  it('remembers that a run failed, for the exit code of --once', async () => {
    const clock = new FakeClock(T0);
    const set = createLoopSet({
      clock,
      store: memoryStore(),
      say: () => {},
      emit: () => {},
      run: async ({ plan }) => {
        if (plan.name === 'bad') throw new Error('boom');
      },
    });
    set.add(loop('good', { count: 1 }));
    await clock.advance(10);
    expect(set.failed).toBe(false);
    set.add(loop('bad', { count: 1 }));
    await clock.advance(10);
    expect(set.failed).toBe(true);
    await expect(set.done).resolves.toBeUndefined();
  });
});

describe('the loop set across restarts', () => {
  /** One process's life: the set runs `loops` on a store for `ms` of fake time, then stops. */
  async function life(store: StateStore, clock: FakeClock, ms: number, ...loops: LoopSetup[]) {
    const events: LoopEvent[] = [];
    const said: string[] = [];
    const set = createLoopSet({
      clock,
      store,
      say: (message) => said.push(message),
      emit: (event) => events.push(event),
      run: async (_loop, { iteration }, state) => {
        state.seen = [...((state.seen as number[]) ?? []), iteration];
        return iteration;
      },
    });
    set.add(...loops);
    await clock.advance(ms);
    await set.stop();
    const runs = events.flatMap((e) => (e.type === 'run' ? [e.run] : []));
    return { events, said, runs, set };
  }

  it('continues count and iterations, with the action state it had', async () => {
    const store = memoryStore();
    const clock = new FakeClock(T0);
    const first = await life(store, clock, 1500, loop('a', { count: 4 }));
    expect(first.runs.map((r) => r.iteration)).toEqual([1, 2]);
    const second = await life(store, clock, 10_000, loop('a', { count: 4 }));
    expect(second.runs.map((r) => r.iteration)).toEqual([3, 4]);
    expect(second.said).toEqual(['a: continuing after run 2.']);
    expect(store.get('a')?.actionState).toEqual({ seen: [1, 2, 3, 4] });
    await expect(second.set.done).resolves.toBeUndefined();
  });

  it('a finished loop stays finished, and says so', async () => {
    const store = memoryStore();
    const clock = new FakeClock(T0);
    await life(store, clock, 5000, loop('a', { count: 2 }));
    const again = await life(store, clock, 5000, loop('a', { count: 2 }));
    expect(again.runs).toEqual([]);
    expect(again.said).toEqual(['a: already finished (2 of 2 runs); --fresh runs it again.']);
    expect(again.events.filter((e) => e.type === 'end')).toMatchObject([
      { runs: 2, reason: 'count' },
    ]);
  });

  it('a changed schedule or count keeps the runs; changed options start afresh and say so', async () => {
    const store = memoryStore();
    const clock = new FakeClock(T0);
    await life(store, clock, 1500, loop('a', { count: 3 }, { content: 'x' }));
    const slower = await life(
      store,
      clock,
      1000,
      loop('a', { count: 5, schedule: { kind: 'interval', everyMs: 500 } }, { content: 'x' }),
    );
    expect(slower.runs[0]?.iteration).toBe(3);
    const changed = await life(store, clock, 100, loop('a', { count: 5 }, { content: 'y' }));
    expect(changed.said).toEqual([expect.stringContaining('its action or options changed')]);
    expect(changed.runs.map((r) => r.iteration)).toEqual([1]);
  });

  it('catches up the latest slot missed while down (an interval loop), and reports the rest', async () => {
    const store = memoryStore();
    const clock = new FakeClock(T0);
    await life(store, clock, 100, loop('a', { schedule: { kind: 'interval', everyMs: 10_000 } }));
    await clock.pause(35_000); // down from 0.1 s to 35.1 s: slots 10, 20 and 30 missed
    const back = await life(
      store,
      clock,
      6000,
      loop('a', { schedule: { kind: 'interval', everyMs: 10_000 } }),
    );
    expect(back.runs.map((r) => [r.scheduledAt - T0, r.catchUp])).toEqual([
      [30_000, true],
      [40_000, undefined],
    ]);
    expect(back.events.find((e) => e.type === 'skip')).toMatchObject({
      reason: 'downtime',
      ticks: 2,
      scheduledAt: T0 + 10_000,
    });
  });

  it('catchUp: skip runs none of them; all runs each, oldest first', async () => {
    for (const [catchUp, expected] of [
      ['skip', [40_000]],
      ['all', [10_000, 20_000, 30_000, 40_000]],
    ] as const) {
      const store = memoryStore();
      const clock = new FakeClock(T0);
      const plan = {
        schedule: { kind: 'interval' as const, everyMs: 10_000 },
        catchUp,
        catchUpWindowMs: 60_000,
      };
      await life(store, clock, 100, loop('a', plan));
      await clock.pause(35_000);
      const back = await life(store, clock, 6000, loop('a', plan));
      expect(back.runs.map((r) => r.scheduledAt - T0)).toEqual(expected);
    }
  });

  it('catches up a daily time across a downtime with a DST change, once', async () => {
    const store = memoryStore();
    const clock = new FakeClock(Date.parse('2026-03-28T07:59:00Z'));
    const daily = {
      schedule: { kind: 'time' as const, times: ['09:00'], timezone: 'Europe/Berlin' },
    };
    await life(store, clock, 120_000, loop('daily', daily)); // runs Saturday 09:00 CET
    await clock.pause(Date.parse('2026-03-30T08:00:00Z') - clock.now()); // back Monday 10:00 CEST
    const back = await life(store, clock, 1000, loop('daily', daily));
    expect(back.runs.map((r) => [new Date(r.scheduledAt).toISOString(), r.catchUp])).toEqual([
      ['2026-03-30T07:00:00.000Z', true],
    ]);
  });
});
