import { describe, expect, it } from 'vitest';
import type { ReportEvent } from '../../../src/output/events.js';
import { createMonitorState } from '../../../src/service/monitor-state.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();

function monitor() {
  const clock = { now: T0 };
  const state = createMonitorState(
    [
      { name: 'voice-report', schedule: 'every 10s', count: 5, action: 'list-voice' },
      { name: 'post', schedule: 'every day at 09:00 (UTC)' },
    ],
    () => clock.now,
  );
  return { state, clock };
}

const run = (
  loop: string,
  iteration: number,
  result: { ok: true } | { ok: false; code: string; unknown?: boolean },
): ReportEvent => {
  const base = {
    type: 'run' as const,
    loop,
    action: 'list-voice',
    count: 5,
    iteration,
    scheduledAt: T0,
    startedAt: T0 + 2,
    finishedAt: T0 + 30,
    attempts: 1,
  };
  if (result.ok) return { ...base, ok: true, data: {}, text: '' };
  return {
    ...base,
    ok: false,
    error: { code: result.code, message: `${result.code} happened` },
    ...(result.unknown ? { outcome: 'unknown' as const } : {}),
  };
};

describe('the monitor state', () => {
  it('lists the configured loops before any event, not ready and with no shard', () => {
    const { state } = monitor();
    expect(state.ready).toBe(false);
    expect(state.status()).toEqual({
      now: iso(T0),
      ready: false,
      loops: [
        {
          name: 'voice-report',
          schedule: 'every 10s',
          nextRunAt: null,
          runs: 0,
          count: 5,
          lastOutcome: null,
          lastError: null,
          ended: false,
        },
        {
          name: 'post',
          schedule: 'every day at 09:00 (UTC)',
          nextRunAt: null,
          runs: 0,
          count: null,
          lastOutcome: null,
          lastError: null,
          ended: false,
        },
      ],
      shards: [],
    });
  });

  it('is ready with shard 0 connected once the bot is ready', () => {
    const { state, clock } = monitor();
    clock.now += 1500;
    state.apply({ type: 'ready', user: { id: '1', username: 'bot' }, guilds: 2 });
    expect(state.ready).toBe(true);
    expect(state.status().shards).toEqual([{ id: 0, connected: true, since: iso(T0 + 1500) }]);
  });

  it('with some of the shards, is ready with those connected and lists only the loops run here', () => {
    const clock = { now: T0 };
    const loops = [
      { name: 'voice-report', schedule: 'every 10s' },
      { name: 'post', schedule: 'every 1m' },
    ];
    const state = createMonitorState(
      loops,
      () => clock.now,
      () => '2-3',
    );
    state.apply({ type: 'disconnect', shard: 3, code: 1006 });
    state.apply({
      type: 'ready',
      user: { id: '1', username: 'bot' },
      guilds: 2,
      loops: { here: ['post'], elsewhere: ['voice-report'] },
    });
    expect(state.status().shards).toEqual([
      { id: 2, connected: true, since: iso(T0) },
      { id: 3, connected: false, since: iso(T0) },
    ]);
    expect(state.status().loops.map((loop) => loop.name)).toEqual(['post']);
  });

  it('follows next runs, runs and their outcomes, and the last error until a success clears it', () => {
    const { state } = monitor();
    const loopOf = () => state.status().loops[0];
    state.apply({ type: 'next', loop: 'voice-report', at: T0 + 10_000 });
    expect(loopOf()).toMatchObject({ nextRunAt: iso(T0 + 10_000), runs: 0 });
    state.apply(run('voice-report', 1, { ok: true }));
    expect(loopOf()).toMatchObject({ runs: 1, lastOutcome: 'ok', lastError: null });
    state.apply(run('voice-report', 2, { ok: false, code: 'missing_permissions' }));
    expect(loopOf()).toMatchObject({
      runs: 2,
      lastOutcome: 'failed',
      lastError: { code: 'missing_permissions', message: 'missing_permissions happened' },
    });
    state.apply(run('voice-report', 3, { ok: false, code: 'timeout', unknown: true }));
    expect(loopOf()).toMatchObject({ runs: 3, lastOutcome: 'unknown' });
    state.apply(run('voice-report', 4, { ok: true }));
    expect(loopOf()).toMatchObject({ runs: 4, lastOutcome: 'ok', lastError: null });
  });

  it('counts runs of earlier processes: iterations continue across restarts', () => {
    const { state } = monitor();
    state.apply(run('voice-report', 4, { ok: true }));
    expect(state.status().loops[0]?.runs).toBe(4);
    state.apply({ type: 'end', loop: 'voice-report', runs: 5, reason: 'count' });
    expect(state.status().loops[0]).toMatchObject({ runs: 5, ended: true, nextRunAt: null });
  });

  it('adds a loop first seen in an event, and drops one removed from the set', () => {
    const { state } = monitor();
    state.apply({ type: 'next', loop: 'added-later', at: T0 + 5000 });
    expect(state.status().loops.map((l) => [l.name, l.schedule])).toEqual([
      ['voice-report', 'every 10s'],
      ['post', 'every day at 09:00 (UTC)'],
      ['added-later', null],
    ]);
    state.apply({ type: 'end', loop: 'post', runs: 0, reason: 'removed' });
    expect(state.status().loops.map((l) => l.name)).toEqual(['voice-report', 'added-later']);
  });

  it('shows the schedule a reload gave an added or changed loop', () => {
    const { state } = monitor();
    state.apply({
      type: 'reload',
      ok: true,
      added: ['added-later'],
      removed: [],
      changed: ['post'],
      unchanged: 1,
      loops: [
        { name: 'added-later', schedule: 'every 1m', count: undefined },
        { name: 'post', schedule: 'every day at 10:00 (UTC)', count: 2 },
      ],
    });
    expect(state.status().loops.map((l) => [l.name, l.schedule, l.count])).toEqual([
      ['voice-report', 'every 10s', 5],
      ['post', 'every day at 10:00 (UTC)', 2],
      ['added-later', 'every 1m', null],
    ]);
  });

  it('tracks each shard through disconnects and reconnects, with when its state began', () => {
    const { state, clock } = monitor();
    state.apply({ type: 'ready', user: { id: '1', username: 'bot' }, guilds: 2 });
    clock.now += 60_000;
    state.apply({ type: 'disconnect', shard: 0, code: 1006 });
    state.apply({ type: 'disconnect', shard: 1, code: 1006 });
    expect(state.status().shards).toEqual([
      { id: 0, connected: false, since: iso(T0 + 60_000) },
      { id: 1, connected: false, since: iso(T0 + 60_000) },
    ]);
    clock.now += 4000;
    state.apply({ type: 'reconnect', shard: 0, resumed: true, downMs: 4000, attempts: 3 });
    expect(state.shards()).toEqual([
      { id: 0, connected: true, since: T0 + 64_000 },
      { id: 1, connected: false, since: T0 + 60_000 },
    ]);
  });
});

describe('health', () => {
  const GRACE = 30_000;

  it('is ok before the bot is ready, and while connected', () => {
    const { state, clock } = monitor();
    expect(state.health(GRACE)).toEqual({ ok: true });
    state.apply({ type: 'ready', user: { id: '1', username: 'bot' }, guilds: 2 });
    clock.now += 3_600_000;
    expect(state.health(GRACE)).toEqual({ ok: true });
  });

  it('stays ok through a disconnect up to the grace, and fails once it is longer', () => {
    const { state, clock } = monitor();
    state.apply({ type: 'ready', user: { id: '1', username: 'bot' }, guilds: 2 });
    state.apply({ type: 'disconnect', shard: 0, code: 1006 });
    clock.now += GRACE;
    expect(state.health(GRACE)).toEqual({ ok: true });
    clock.now += 12_345;
    expect(state.health(GRACE)).toEqual({
      ok: false,
      reason: 'shard 0 has been disconnected for 42s, longer than the health grace of 30s',
    });
  });

  it('is ok again as soon as the shard is back', () => {
    const { state, clock } = monitor();
    state.apply({ type: 'disconnect', shard: 0, code: 1006 });
    clock.now += 2 * GRACE;
    expect(state.health(GRACE).ok).toBe(false);
    state.apply({ type: 'reconnect', shard: 0, resumed: false, downMs: 2 * GRACE, attempts: 9 });
    expect(state.health(GRACE)).toEqual({ ok: true });
  });

  it('names the shard down longest, on one line, and how many more are down', () => {
    const { state, clock } = monitor();
    state.apply({ type: 'disconnect', shard: 2, code: 1006 });
    clock.now += 10_000;
    state.apply({ type: 'disconnect', shard: 0, code: 1006 });
    state.apply({ type: 'disconnect', shard: 1, code: 1006 });
    clock.now += GRACE + 1000;
    const health = state.health(GRACE);
    expect(health).toEqual({
      ok: false,
      reason:
        'shard 2 has been disconnected for 41s, longer than the health grace of 30s (and 2 more shards)',
    });
  });
});
