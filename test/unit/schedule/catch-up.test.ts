import { describe, expect, it } from 'vitest';
import { planCatchUp } from '../../../src/schedule/catch-up.js';
import { intervalTicks, ticksFor } from '../../../src/schedule/ticks.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (iso: string) => Date.parse(iso);
const isoOf = (ms: number[]) => ms.map((t) => new Date(t).toISOString());

describe('catching up on an interval loop', () => {
  // Every 10 minutes from 00:00; the last run was at 00:30 and discloop is back at 01:05.
  const ticks = intervalTicks(10 * MIN, 0);
  const last = 30 * MIN;
  const now = 65 * MIN;

  it('latest: runs the most recent missed slot, and reports the others skipped', () => {
    expect(planCatchUp(ticks, last, now, 'latest')).toEqual({
      run: [60 * MIN],
      skipped: 2,
      firstSkipped: 40 * MIN,
    });
  });

  it('all: runs each missed slot within the window, oldest first', () => {
    expect(planCatchUp(ticks, last, now, 'all', HOUR)).toEqual({
      run: [40 * MIN, 50 * MIN, 60 * MIN],
      skipped: 0,
      firstSkipped: undefined,
    });
  });

  it('all: at most 100, the rest skipped', () => {
    const plan = planCatchUp(intervalTicks(MIN, 0), 0, 1000 * MIN, 'all', 10_000 * MIN);
    expect(plan.run).toHaveLength(100);
    expect(plan.run[0]).toBe(MIN);
    expect(plan).toMatchObject({ skipped: 900, firstSkipped: 101 * MIN });
  });

  it('skip: runs nothing and says how many slots passed', () => {
    expect(planCatchUp(ticks, last, now, 'skip')).toEqual({
      run: [],
      skipped: 3,
      firstSkipped: 40 * MIN,
    });
  });

  it('latest: a slot older than the window (default: one period) is not run', () => {
    expect(planCatchUp(ticks, last, 69 * MIN, 'latest').run).toEqual([60 * MIN]);
    expect(planCatchUp(ticks, last, 75 * MIN, 'latest', 10 * MIN).run).toEqual([70 * MIN]);
    expect(planCatchUp(ticks, last, 75 * MIN, 'latest', 2 * MIN)).toMatchObject({
      run: [],
      skipped: 4,
    });
  });

  it('nothing missed: nothing to do', () => {
    expect(planCatchUp(ticks, last, 35 * MIN, 'latest')).toEqual({
      run: [],
      skipped: 0,
      firstSkipped: undefined,
    });
  });

  it('finds the latest slot of a long downtime without walking every slot', () => {
    const year = 365 * 24 * HOUR;
    const plan = planCatchUp(intervalTicks(1000, 0), 0, year + 500, 'latest');
    expect(plan.run).toEqual([year]);
  });
});

describe('catching up on a daily time, across a DST change', () => {
  // 09:00 in Berlin; the last run was on Saturday 28 March 2026 (09:00 CET = 08:00Z).
  // Clocks spring forward on Sunday 29 March; discloop comes back on Monday at 10:00 CEST.
  const ticks = ticksFor({ kind: 'time', times: ['09:00'], timezone: 'Europe/Berlin' }, 0);
  const last = at('2026-03-28T08:00:00Z');
  const now = at('2026-03-30T08:00:00Z');

  it('latest: runs Monday 09:00 CEST (07:00Z) once, skipping Sunday 09:00 CEST', () => {
    const plan = planCatchUp(ticks, last, now, 'latest');
    expect(isoOf(plan.run)).toEqual(['2026-03-30T07:00:00.000Z']);
    expect(plan).toMatchObject({ skipped: 1 });
    expect(isoOf([plan.firstSkipped ?? 0])).toEqual(['2026-03-29T07:00:00.000Z']);
  });

  it('all, with a 3-day window: Sunday and Monday in order', () => {
    const plan = planCatchUp(ticks, last, now, 'all', 72 * HOUR);
    expect(isoOf(plan.run)).toEqual(['2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z']);
  });
});
