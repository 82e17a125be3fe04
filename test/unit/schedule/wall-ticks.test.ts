import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../src/schedule/schedule.js';
import { ticksFor } from '../../../src/schedule/ticks.js';

/** The next `n` ticks strictly after `from`, as ISO strings. */
function next(schedule: Schedule, from: string, n = 3): string[] {
  const ticks = ticksFor(schedule, Date.parse(from));
  const out: string[] = [];
  for (
    let t = ticks.after(Date.parse(from));
    t !== undefined && out.length < n;
    t = ticks.after(t)
  ) {
    out.push(new Date(t).toISOString());
  }
  return out;
}

const time = (times: string[], timezone = 'UTC'): Schedule => ({ kind: 'time', times, timezone });
const cron = (expression: string, timezone = 'UTC'): Schedule => ({
  kind: 'cron',
  expression,
  timezone,
});

describe('next run of wall-clock schedules', () => {
  it.each<[string, Schedule, string, string[]]>([
    [
      'a time of day in its timezone',
      time(['09:00'], 'Europe/Moscow'),
      '2026-11-24T10:00:00Z',
      ['2026-11-25T06:00:00.000Z', '2026-11-26T06:00:00.000Z', '2026-11-27T06:00:00.000Z'],
    ],
    [
      'a list of times, with seconds, in order',
      time(['21:30:15', '09:00']),
      '2026-11-24T10:00:00Z',
      ['2026-11-24T21:30:15.000Z', '2026-11-25T09:00:00.000Z', '2026-11-25T21:30:15.000Z'],
    ],
    [
      'a time already passed today runs tomorrow',
      time(['09:00']),
      '2026-11-24T09:00:00Z',
      ['2026-11-25T09:00:00.000Z'],
    ],
    [
      'a 5-field cron',
      cron('*/15 * * * *'),
      '2026-11-24T10:07:00Z',
      ['2026-11-24T10:15:00.000Z', '2026-11-24T10:30:00.000Z', '2026-11-24T10:45:00.000Z'],
    ],
    [
      'a 6-field cron (seconds first)',
      cron('30 0 12 * * 1'),
      '2026-11-24T00:00:00Z',
      ['2026-11-30T12:00:30.000Z', '2026-12-07T12:00:30.000Z'],
    ],
    [
      'a cron in a timezone',
      cron('0 9 * * *', 'America/New_York'),
      '2026-11-24T00:00:00Z',
      ['2026-11-24T14:00:00.000Z', '2026-11-25T14:00:00.000Z'],
    ],
    [
      'a leap day',
      cron('0 12 29 2 *'),
      '2026-03-01T00:00:00Z',
      ['2028-02-29T12:00:00.000Z', '2032-02-29T12:00:00.000Z'],
    ],
    [
      'a daily time across a leap day',
      time(['12:00']),
      '2028-02-28T13:00:00Z',
      ['2028-02-29T12:00:00.000Z', '2028-03-01T12:00:00.000Z'],
    ],
  ])('%s', (_what, schedule, from, expected) => {
    expect(next(schedule, from, expected.length)).toEqual(expected);
  });
});

describe('DST (SPEC §3): a missing time runs once after the gap, a repeated one runs once', () => {
  it.each<[string, Schedule, string, string[]]>([
    // Berlin springs forward on 2026-03-29 at 02:00 CET → 03:00 CEST: 02:30 does not exist.
    [
      'Berlin spring forward',
      time(['02:30'], 'Europe/Berlin'),
      '2026-03-28T12:00:00Z',
      ['2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z'],
    ],
    // Berlin falls back on 2026-10-25 at 03:00 CEST → 02:00 CET: 02:30 happens twice.
    [
      'Berlin fall back',
      time(['02:30'], 'Europe/Berlin'),
      '2026-10-24T12:00:00Z',
      ['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z'],
    ],
    // New York springs forward on 2026-03-08 at 02:00 EST → 03:00 EDT.
    [
      'New York spring forward',
      time(['02:30'], 'America/New_York'),
      '2026-03-07T12:00:00Z',
      ['2026-03-08T07:00:00.000Z', '2026-03-09T06:30:00.000Z'],
    ],
    // New York falls back on 2026-11-01 at 02:00 EDT → 01:00 EST: 01:30 happens twice.
    [
      'New York fall back',
      time(['01:30'], 'America/New_York'),
      '2026-10-31T12:00:00Z',
      ['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z'],
    ],
    [
      'a fixed-time cron in the Berlin gap',
      cron('30 2 * * *', 'Europe/Berlin'),
      '2026-03-28T12:00:00Z',
      ['2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z'],
    ],
    [
      'an hourly cron keeps real-time rhythm through the Berlin gap',
      cron('0 * * * *', 'Europe/Berlin'),
      '2026-03-29T00:30:00Z',
      ['2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z'],
    ],
  ])('%s', (_what, schedule, from, expected) => {
    expect(next(schedule, from, expected.length)).toEqual(expected);
  });

  it('never runs a time twice across a fall-back night, nor skips the day', () => {
    const runs = next(
      time(['00:30', '01:30', '02:30'], 'America/New_York'),
      '2026-10-31T12:00:00Z',
      6,
    );
    expect(runs).toEqual([
      '2026-11-01T04:30:00.000Z',
      '2026-11-01T05:30:00.000Z',
      '2026-11-01T07:30:00.000Z',
      '2026-11-02T05:30:00.000Z',
      '2026-11-02T06:30:00.000Z',
      '2026-11-02T07:30:00.000Z',
    ]);
  });
});

describe('counting missed wall ticks', () => {
  it('counts the ticks in (from, to]', () => {
    const ticks = ticksFor(cron('*/10 * * * * *'), 0);
    expect(
      ticks.countBetween(Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-01-01T00:01:00Z')),
    ).toBe(6);
  });
});
