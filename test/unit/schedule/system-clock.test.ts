import { describe, expect, it } from 'vitest';
import { createSystemClock } from '../../../src/schedule/system-clock.js';

/** Real timers, asserting order and "never early" only: how late is the benchmark's business. */
describe('the system clock', () => {
  it('fires timers in order of their time, same-time ones in the order they were armed', async () => {
    const clock = createSystemClock();
    const fired: string[] = [];
    await new Promise<void>((resolve) => {
      clock.setTimer(() => fired.push('c'), 30);
      clock.setTimer(() => fired.push('a1'), 10);
      clock.setTimer(() => fired.push('a2'), 10);
      clock.setTimer(() => fired.push('b'), 20);
      clock.setTimer(resolve, 40);
    });
    expect(fired).toEqual(['a1', 'a2', 'b', 'c']);
  });

  it('never fires a timer before its time, fractions of a millisecond included', async () => {
    const clock = createSystemClock();
    const waits = [0, 0.4, 1, 1.7, 5.5, 12.25];
    const early = await Promise.all(
      waits.map(
        (ms) =>
          new Promise<number>((resolve) => {
            const armed = performance.now();
            clock.setTimer(() => resolve(performance.now() - armed - ms), ms);
          }),
      ),
    );
    for (const margin of early) expect(margin).toBeGreaterThanOrEqual(0);
  });

  it('does not fire a cleared timer, and keeps the others', async () => {
    const clock = createSystemClock();
    const fired: string[] = [];
    const first = clock.setTimer(() => fired.push('cleared'), 5);
    clock.setTimer(() => fired.push('kept'), 10);
    clock.clearTimer(first);
    await new Promise<void>((resolve) => clock.setTimer(resolve, 20));
    expect(fired).toEqual(['kept']);
  });
});
