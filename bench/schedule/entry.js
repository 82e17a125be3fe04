// Bundled on the fly by bench/schedule.js: the scheduler exactly as src/ has it.
export { createLoopSet } from '../../src/run/loop-set.ts';
export { createSystemClock } from '../../src/schedule/system-clock.ts';
export { memoryStore } from '../../src/state/store.ts';
