import type { Worker } from 'node:cluster';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { StatusJson } from '../../../src/service/monitor-state.js';
import { childPlans } from '../../../src/supervise/child-plans.js';
import { childReports } from '../../../src/supervise/child-reports.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

const status = (ready: boolean, runs: number): StatusJson => ({
  now: new Date(T0).toISOString(),
  ready,
  loops: [
    {
      name: 'voice',
      schedule: 'every 1s',
      nextRunAt: null,
      runs,
      count: null,
      lastOutcome: null,
      lastError: null,
      ended: false,
    },
  ],
  shards: [],
});

/** A node:cluster worker whose child answers status requests with `answer` (none: silent). */
class FakeWorker extends EventEmitter {
  connected = true;
  constructor(public answer: StatusJson | undefined) {
    super();
  }
  isConnected() {
    return this.connected;
  }
  send(message: { discloop: string; id: number }) {
    const { answer } = this;
    if (message.discloop === 'status' && answer)
      queueMicrotask(() =>
        this.emit('message', { discloop: 'status', id: message.id, status: answer }),
      );
    return true;
  }
  hello() {
    this.emit('message', { discloop: 'hello' });
    return this;
  }
  exit(code: number | null, signal: string | null = null) {
    this.connected = false;
    this.emit('exit', code, signal);
  }
}

function setUp() {
  const clock = { now: T0 };
  const plans = childPlans(2, 4);
  const reports = childReports(plans, () => clock.now);
  const fork = (index: number, answer: StatusJson | undefined) => {
    const worker = new FakeWorker(answer);
    reports.onFork(plans[index] as (typeof plans)[number], worker as unknown as Worker);
    return worker;
  };
  return { clock, reports, fork };
}

describe('what the --processes parent hears from its children', () => {
  it('asks each child that said hello, and keeps its answer and its last ready one', async () => {
    const { reports, fork } = setUp();
    const first = fork(0, status(true, 3)).hello();
    fork(1, status(false, 0)); // no hello yet: not asked
    const [one, two] = await reports.collect();
    expect(one).toMatchObject({ name: 'process 1 of 2', shards: '0-1', latest: status(true, 3) });
    expect(one?.lastReady).toEqual(status(true, 3));
    expect(two).toMatchObject({ shards: '2-3', latest: undefined, finished: false });
    first.answer = status(false, 3);
    expect((await reports.collect())[0]).toMatchObject({
      latest: status(false, 3),
      lastReady: status(true, 3),
    });
  });

  it('counts a crashed child down from its exit until its restart is ready again', async () => {
    const { clock, reports, fork } = setUp();
    fork(0, status(true, 3)).hello().exit(null, 'SIGKILL');
    clock.now += 1000;
    expect((await reports.collect())[0]).toMatchObject({ downSince: T0, finished: false });
    expect(reports.up()).toEqual([
      { shards: '0-1', up: false },
      { shards: '2-3', up: false },
    ]);
    const again = fork(0, status(false, 0)).hello();
    expect((await reports.collect())[0]?.downSince).toBe(T0);
    again.answer = status(true, 4);
    expect((await reports.collect())[0]?.downSince).toBeUndefined();
  });

  it('counts a child that exited 0 or was refused as finished, not down', async () => {
    const { reports, fork } = setUp();
    fork(0, status(true, 3)).hello().exit(0);
    fork(1, status(true, 3)).hello().exit(3);
    const views = await reports.collect();
    expect(views.map((view) => [view.finished, view.downSince])).toEqual([
      [true, undefined],
      [true, undefined],
    ]);
  });
});
