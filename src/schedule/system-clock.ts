import type { Clock } from './clock.js';

interface Pending {
  at: number;
  callback: () => void;
}

/**
 * The real clock, the one file in src/schedule that touches timers. Its timers share one Node
 * timer: loops due at the same moment start in one macrotask, in the order they were armed,
 * and a thousand loops cost one Node timer, not a thousand. Node's timers count whole
 * milliseconds on a clock that can lag by one, so they fire up to a millisecond early; the
 * last stretch is waited out with setImmediate, and runs start within a fraction of a
 * millisecond of their time (BENCHMARKS.md). Nothing fires early.
 */
export function createSystemClock(): Clock {
  const pending: Pending[] = [];
  let timeout: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;

  function disarm() {
    if (timeout) clearTimeout(timeout);
    if (immediate) clearImmediate(immediate);
    timeout = immediate = undefined;
  }

  function arm() {
    disarm();
    const first = pending[0];
    if (!first) return;
    const wait = first.at - performance.now();
    if (wait >= 1) timeout = setTimeout(fire, Math.floor(wait));
    else immediate = setImmediate(fire);
  }

  function fire() {
    timeout = immediate = undefined;
    const now = performance.now();
    let due = 0;
    while (due < pending.length && (pending[due]?.at ?? Number.POSITIVE_INFINITY) <= now) due++;
    for (const timer of pending.splice(0, due)) timer.callback();
    arm();
  }

  return {
    now: () => Date.now(),
    monotonic: () => performance.now(),
    setTimer(callback, ms) {
      const timer = { at: performance.now() + ms, callback };
      let index = pending.length;
      while (index > 0 && (pending[index - 1]?.at ?? 0) > timer.at) index--;
      pending.splice(index, 0, timer);
      if (index === 0) arm();
      return timer;
    },
    clearTimer(handle) {
      const index = pending.indexOf(handle as Pending);
      if (index === -1) return;
      pending.splice(index, 1);
      if (index === 0) arm();
    },
    random: () => Math.random(),
  };
}
