import { describe, expect, it } from 'vitest';
import { childPlans } from '../../../src/supervise/child-plans.js';
import { type Child, type ChildExit, supervise } from '../../../src/supervise/supervisor.js';
import { FakeClock } from '../../helpers/fake-clock.js';

/** A child that does what the test says: exit, tell its loops; and records what it was asked. */
class FakeChild implements Child {
  asked: string[] = [];
  private resolve: (exit: ChildExit) => void = () => {};
  readonly exited = new Promise<ChildExit>((resolve) => {
    this.resolve = resolve;
  });
  constructor(
    readonly pid: number,
    readonly shards: string,
    readonly restart: boolean,
    readonly loops: (count: number) => void,
    /** How it answers a stop: exit 0 at once, or not at all. */
    private onStop: 'exit' | 'hang' = 'exit',
  ) {}
  exit(code: number | null, signal: string | null = null) {
    this.resolve({ code, signal });
  }
  stop() {
    this.asked.push('stop');
    if (this.onStop === 'exit') this.exit(0);
  }
  reload() {
    this.asked.push('reload');
  }
  kill() {
    this.asked.push('kill');
    this.exit(null, 'SIGKILL');
  }
}

function setUp(processes = 2, shards = 4, onStop: 'exit' | 'hang' = 'exit') {
  const clock = new FakeClock();
  const children: FakeChild[] = [];
  const said: { shards?: string; message: string; warning: boolean }[] = [];
  let pid = 100;
  const supervision = supervise({
    plans: childPlans(processes, shards),
    start: (plan, restart, loops) => {
      const child = new FakeChild(pid++, plan.shards, restart, loops, onStop);
      children.push(child);
      return child;
    },
    clock,
    say: (plan, message, warning) => said.push({ shards: plan?.shards, message, warning }),
    stopTimeoutMs: 20_000,
  });
  let code: number | undefined;
  void supervision.done.then((c) => {
    code = c;
  });
  const of = (shards: string) => children.filter((c) => c.shards === shards);
  return { clock, children, said, supervision, of, code: () => code };
}

const child = (children: FakeChild[], i: number) => {
  const found = children[i];
  if (!found) throw new Error(`no child ${i}`);
  return found;
};

describe('supervising the children of run --processes', () => {
  it('exits 0 once every child has finished its loops, restarting none', async () => {
    const s = setUp();
    child(s.children, 0).exit(0);
    await s.clock.advance(0);
    expect(s.code()).toBeUndefined();
    child(s.children, 1).exit(0);
    await s.clock.advance(0);
    expect(s.code()).toBe(0);
    expect(s.children).toHaveLength(2);
  });

  it('restarts a crashed child after 1 s, said as a warning, and leaves the others be', async () => {
    const s = setUp();
    child(s.children, 0).exit(null, 'SIGKILL');
    await s.clock.advance(999);
    expect(s.of('0-1')).toHaveLength(1);
    await s.clock.advance(1);
    expect(s.of('0-1').map((c) => c.restart)).toEqual([false, true]);
    expect(s.of('2-3')).toHaveLength(1);
    expect(child(s.children, 1).asked).toEqual([]);
    expect(s.said).toContainEqual({
      shards: '0-1',
      message:
        'Process 1 of 2 (pid 100) crashed (killed by SIGKILL); restarting it in 1 s (crash 1 within a minute).',
      warning: true,
    });
    expect(s.said).toContainEqual({
      shards: '0-1',
      message: 'Restarted process 1 of 2 (pid 102)',
      warning: false,
    });
  });

  it('doubles the wait after each crash, and stops everything at the fifth within a minute: exit 1', async () => {
    const s = setUp();
    for (const wait of [1000, 2000, 4000, 8000]) {
      s.of('0-1').at(-1)?.exit(1);
      await s.clock.advance(wait - 1);
      const before = s.of('0-1').length;
      await s.clock.advance(1);
      expect(s.of('0-1').length).toBe(before + 1);
    }
    s.of('0-1').at(-1)?.exit(1);
    await s.clock.advance(0);
    expect(child(s.children, 1).asked).toEqual(['stop']);
    expect(s.code()).toBe(1);
    expect(s.said.at(-1)?.message).toMatch(
      /crashed \(exit code 1\), 5 times within a minute: stopping/,
    );
    await s.clock.advance(120_000);
    expect(s.of('0-1')).toHaveLength(5);
  });

  it.each([2, 3, 4, 5])(
    'stops every child when one exits %i, as all would, and exits with it',
    async (code) => {
      const s = setUp(3, 6);
      child(s.children, 1).exit(code);
      await s.clock.advance(0);
      expect(s.code()).toBe(code);
      expect(s.children.map((c) => c.asked)).toEqual([['stop'], [], ['stop']]);
      await s.clock.advance(120_000);
      expect(s.children).toHaveLength(3);
    },
  );

  it('forwards a stop to every child, cancels a restart that was waiting, and exits 0', async () => {
    const s = setUp();
    child(s.children, 0).exit(null, 'SIGSEGV');
    await s.clock.advance(0);
    s.supervision.stop();
    await s.clock.advance(0);
    expect(s.code()).toBe(0);
    expect(child(s.children, 1).asked).toEqual(['stop']);
    await s.clock.advance(120_000);
    expect(s.children).toHaveLength(2);
  });

  it('forwards a reload to every child', async () => {
    const s = setUp();
    s.supervision.reload();
    expect(s.children.map((c) => c.asked)).toEqual([['reload'], ['reload']]);
  });

  it('stops a child with no loop on its shards once no other has loops left', async () => {
    const s = setUp();
    child(s.children, 1).loops(0);
    await s.clock.advance(0);
    expect(child(s.children, 1).asked).toEqual([]);
    child(s.children, 0).exit(0);
    await s.clock.advance(0);
    expect(child(s.children, 1).asked).toEqual(['stop']);
    expect(s.code()).toBe(0);
  });

  it('keeps a waiting child while a reload gave it loops', async () => {
    const s = setUp();
    child(s.children, 1).loops(0);
    child(s.children, 1).loops(1);
    child(s.children, 0).exit(0);
    await s.clock.advance(0);
    expect(child(s.children, 1).asked).toEqual([]);
    expect(s.code()).toBeUndefined();
  });

  it('kills a child that does not stop in time, and then exits 1', async () => {
    const s = setUp(2, 4, 'hang');
    s.supervision.stop();
    await s.clock.advance(19_999);
    expect(s.code()).toBeUndefined();
    await s.clock.advance(1);
    expect(s.children.map((c) => c.asked)).toEqual([
      ['stop', 'kill'],
      ['stop', 'kill'],
    ]);
    expect(s.code()).toBe(1);
  });

  it('kills every child at once on the second signal', async () => {
    const s = setUp(2, 4, 'hang');
    s.supervision.stop();
    s.supervision.kill();
    await s.clock.advance(0);
    expect(s.children.map((c) => c.asked)).toEqual([
      ['stop', 'kill'],
      ['stop', 'kill'],
    ]);
  });
});
