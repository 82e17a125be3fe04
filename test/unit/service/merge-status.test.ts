import { describe, expect, it } from 'vitest';
import {
  allReady,
  type ChildView,
  mergedHealth,
  mergeStatus,
} from '../../../src/service/merge-status.js';
import type { LoopStatusJson, StatusJson } from '../../../src/service/monitor-state.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const GRACE = 30_000;
const iso = (ms: number) => new Date(ms).toISOString();

const loop = (name: string, runs: number): LoopStatusJson => ({
  name,
  schedule: 'every 1s',
  nextRunAt: iso(T0 + 1000),
  runs,
  count: null,
  lastOutcome: 'ok',
  lastError: null,
  ended: false,
});

const status = (ready: boolean, loops: LoopStatusJson[], shards: number[]): StatusJson => ({
  now: iso(T0),
  ready,
  loops,
  shards: shards.map((id) => ({ id, connected: true, since: iso(T0) })),
});

const child = (index: number, over: Partial<ChildView> = {}): ChildView => ({
  name: `process ${index + 1} of 2`,
  shards: index === 0 ? '0-1' : '2-3',
  ids: index === 0 ? [0, 1] : [2, 3],
  latest: undefined,
  lastReady: undefined,
  downSince: undefined,
  finished: false,
  ...over,
});

const ready = (index: number, loops: LoopStatusJson[]) => {
  const answer = status(true, loops, index === 0 ? [0, 1] : [2, 3]);
  return child(index, { latest: answer, lastReady: answer });
};

describe('the status of run --processes, merged from its children', () => {
  it('lists each loop once per child it runs in, under that child’s range, and every shard', () => {
    const merged = mergeStatus(
      [ready(0, [loop('voice', 3), loop('post-G0', 2)]), ready(1, [loop('voice', 4)])],
      T0 + 5000,
    );
    expect(merged.now).toBe(iso(T0 + 5000));
    expect(merged.ready).toBe(true);
    expect(merged.loops.map(({ name, shards, runs }) => [name, shards, runs])).toEqual([
      ['voice', '0-1', 3],
      ['post-G0', '0-1', 2],
      ['voice', '2-3', 4],
    ]);
    expect(merged.shards.map((shard) => shard.id)).toEqual([0, 1, 2, 3]);
  });

  it('is not ready until every child is, and lists no loop of a child before it is first ready', () => {
    const starting = child(1, { latest: status(false, [loop('voice', 0)], []) });
    const merged = mergeStatus([ready(0, [loop('voice', 1)]), starting], T0);
    expect(merged.ready).toBe(false);
    expect(allReady([ready(0, []), starting])).toBe(false);
    expect(merged.loops.map((l) => l.shards)).toEqual(['0-1']);
  });

  it('shows a child that crashed with its shards disconnected since, and its loops as they last were', () => {
    const before = ready(0, [loop('voice', 7)]);
    const restarting = {
      ...before,
      latest: status(false, [], []),
      downSince: T0 + 1000,
    };
    const merged = mergeStatus([restarting, ready(1, [])], T0 + 3000);
    expect(merged.ready).toBe(false);
    expect(merged.loops).toMatchObject([{ name: 'voice', runs: 7, shards: '0-1' }]);
    expect(merged.shards.slice(0, 2)).toEqual([
      { id: 0, connected: false, since: iso(T0 + 1000) },
      { id: 1, connected: false, since: iso(T0 + 1000) },
    ]);
  });

  it('counts a child that finished as done: ready, healthy, without shards', () => {
    const done = { ...ready(1, [loop('post-G3', 2)]), finished: true, downSince: undefined };
    const children = [ready(0, []), done];
    expect(allReady(children)).toBe(true);
    expect(mergeStatus(children, T0).shards.map((shard) => shard.id)).toEqual([0, 1]);
    expect(mergedHealth(children, T0 + 10 * GRACE, GRACE)).toEqual({ ok: true });
  });
});

describe('the health of run --processes', () => {
  it('stays ok while a crashed child is down up to the grace', () => {
    const down = child(0, { downSince: T0 });
    expect(mergedHealth([down, ready(1, [])], T0 + GRACE, GRACE)).toEqual({ ok: true });
  });

  it('names the child down longer than the grace, before its shards', () => {
    const down = child(1, { downSince: T0 });
    expect(mergedHealth([ready(0, []), down], T0 + GRACE + 5000, GRACE)).toEqual({
      ok: false,
      reason:
        'process 2 of 2 (shards 2-3) has been down for 35s, longer than the health grace of 30s',
    });
  });

  it('names a shard of a live child disconnected longer than the grace', () => {
    const answer = status(true, [], [2]);
    answer.shards.push({ id: 3, connected: false, since: iso(T0) });
    const reconnecting = child(1, { latest: answer, lastReady: answer });
    expect(mergedHealth([ready(0, []), reconnecting], T0 + GRACE + 1000, GRACE)).toEqual({
      ok: false,
      reason: 'shard 3 has been disconnected for 31s, longer than the health grace of 30s',
    });
  });
});
