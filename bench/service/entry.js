// Bundled on the fly by bench/service.js: the loop set, the state store and the reload as src/ has them.
export { createLoopSet } from '../../src/run/loop-set.ts';
export { applyReload } from '../../src/run/reload.ts';
export { createSystemClock } from '../../src/schedule/system-clock.ts';
export { openStateFile } from '../../src/state/file-store.ts';
export { memoryStore } from '../../src/state/store.ts';
