import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LoopEvent } from '../../../src/schedule/loop-runner.js';
import type { Schedule } from '../../../src/schedule/schedule.js';
import { intervalTicks, ticksFor } from '../../../src/schedule/ticks.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { startOneLoop } from '../../helpers/one-loop.js';

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Europe/Moscow',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
];
const timeOfDay = fc
  .tuple(
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: 0, max: 59 }),
    fc.integer({ min: 0, max: 59 }),
  )
  .map(
    ([h, m, s]) =>
      `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`,
  );
const wallSchedule: fc.Arbitrary<Schedule> = fc.oneof(
  fc.record({
    kind: fc.constant('time' as const),
    times: fc.array(timeOfDay, { minLength: 1, maxLength: 4 }),
    timezone: fc.constantFrom(...ZONES),
  }),
  fc.record({
    kind: fc.constant('cron' as const),
    expression: fc.constantFrom(
      '*/7 * * * *',
      '0 */2 * * *',
      '30 2 * * *',
      '15 1,2,3 * * 0',
      '0 0 29 2 *',
      '*/20 * * * * *',
    ),
    timezone: fc.constantFrom(...ZONES),
  }),
);
// 2024–2030: covers leap days and every DST transition of the zones above.
const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) });

describe('properties of next-run computation', () => {
  it('interval ticks are t0 + k·interval exactly, whatever t0 and the interval', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.integer({ min: 1, max: 86_400_000 }),
        (t0, every) => {
          const ticks = intervalTicks(every, t0);
          let t = ticks.first(t0) ?? Number.NaN;
          for (let k = 1; k <= 50; k++) {
            const next = ticks.after(t) ?? Number.NaN;
            expect(next).toBeGreaterThan(t);
            expect(next).toBe(t0 + k * every);
            expect(ticks.countBetween(t, next)).toBe(1);
            t = next;
          }
        },
      ),
    );
  });

  it('wall-clock runs are strictly increasing and never duplicated, across DST and leap days', () => {
    fc.assert(
      fc.property(wallSchedule, instant, (schedule, from) => {
        const ticks = ticksFor(schedule, from);
        const seen = new Set<number>();
        let t = from;
        for (let i = 0; i < 40; i++) {
          const next = ticks.after(t);
          if (next === undefined) break;
          expect(next).toBeGreaterThan(t);
          expect(seen.has(next)).toBe(false);
          seen.add(next);
          t = next;
        }
        expect(seen.size).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('a daily time runs once per calendar day in its zone, never skipping one', () => {
    fc.assert(
      fc.property(timeOfDay, fc.constantFrom(...ZONES), instant, (at, timezone, from) => {
        const ticks = ticksFor({ kind: 'time', times: [at], timezone }, from);
        const day = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, dateStyle: 'short' });
        const days: string[] = [];
        for (let t = ticks.after(from); t !== undefined && days.length < 30; t = ticks.after(t))
          days.push(day.format(t));
        for (let i = 1; i < days.length; i++) {
          const gap = (Date.parse(days[i] ?? '') - Date.parse(days[i - 1] ?? '')) / 86_400_000;
          expect(gap).toBe(1);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('properties of the timer loop (fake clock)', () => {
  it('runs start at t0 + k·interval, never early, never twice, whatever the runs take and timers lag', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 10, max: 5000 }),
        fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 0, max: 40 }),
        async (every, durations, maxLag) => {
          const clock = new FakeClock(Date.UTC(2026, 0, 1));
          let lag = 0;
          clock.lateness = () => (lag = (lag * 7 + 3) % (maxLag + 1));
          const events: LoopEvent[] = [];
          const t0 = clock.now();
          startOneLoop(
            {
              name: 'p',
              schedule: { kind: 'interval', everyMs: every },
              count: 8,
              overlap: 'skip',
              onError: 'continue',
            },
            ({ iteration }) =>
              new Promise((resolve) =>
                clock.setTimer(() => resolve(iteration), durations[iteration - 1] ?? 0),
              ),
            { clock, emit: (event) => events.push(event) },
          );
          await clock.advance(every * 200 + 200_000);
          const runs = events.flatMap((e) => (e.type === 'run' ? [e.run] : []));
          expect(runs.map((r) => r.iteration)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
          for (const run of runs) {
            expect(Number.isInteger((run.scheduledAt - t0) / every)).toBe(true);
            expect(run.startedAt).toBeGreaterThanOrEqual(run.scheduledAt);
          }
          const scheduled = runs.map((r) => r.scheduledAt);
          expect(new Set(scheduled).size).toBe(scheduled.length);
        },
      ),
      { numRuns: 40 },
    );
  });
});
