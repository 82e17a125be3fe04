// Bundled on the fly by bench/schedule.js: the scheduler exactly as src/ has it.
export { startLoops } from '../../src/schedule/loops.ts';
export { createSystemClock } from '../../src/schedule/system-clock.ts';
