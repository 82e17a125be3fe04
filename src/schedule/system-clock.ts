import type { Clock } from './clock.js';

/** The real clock: the only file in src/schedule that touches timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
  random: () => Math.random(),
};
