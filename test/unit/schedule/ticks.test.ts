import { describe, expect, it } from 'vitest';
import { intervalTicks } from '../../../src/schedule/ticks.js';

describe('intervalTicks', () => {
  const ticks = intervalTicks(1000, 0);

  it('starts at t0 and steps by the interval from t0, not from the last run', () => {
    expect(ticks.first(0)).toBe(0);
    expect(ticks.after(0)).toBe(1000);
    expect(ticks.after(1999.9)).toBe(2000);
    expect(ticks.after(2000)).toBe(3000);
  });

  it('counts the ticks that fall in (from, to]', () => {
    expect(ticks.countBetween(1000, 1500)).toBe(0);
    expect(ticks.countBetween(1000, 2000)).toBe(1);
    expect(ticks.countBetween(1000, 5200)).toBe(4);
  });

  // performance.now() origins are fractional; t0 + k·1000 − t0 is not always k·1000 in floating
  // point (this t0 loses it at k = 8). A tick must still count as itself.
  it.each([58_033.71299748883, 39_880.281213453105, 497_549.3726210909])(
    'treats each tick as itself with t0 = %d',
    (t0) => {
      const fractional = intervalTicks(1000, t0);
      for (let k = 0; k < 30; k++) {
        const tick = t0 + k * 1000;
        expect(fractional.countBetween(tick, tick + 0.5), `k=${k}`).toBe(0);
        expect(fractional.after(tick), `k=${k}`).toBe(t0 + (k + 1) * 1000);
      }
    },
  );
});
