import {
  type LoopDeps,
  type LoopHandle,
  originNow,
  prepareLoop,
  type RunTask,
} from './loop-runner.js';
import type { LoopPlan } from './schedule.js';

/**
 * Runs several loops side by side; one loop's failure never touches another's schedule. All
 * are set up before any starts, so setting up the last does not make the first late. Each
 * starts from its own instant: a thousand loops then fall due a few microseconds apart rather
 * than all at once, which halves how late the last of them starts (BENCHMARKS.md).
 */
export function startLoops(loops: { plan: LoopPlan; task: RunTask }[], deps: LoopDeps): LoopHandle {
  const prepared = loops.map(({ plan, task }) => prepareLoop(plan, task, deps));
  for (const loop of prepared) loop.begin(originNow(deps.clock));
  const handles = prepared.map((loop) => loop.handle);
  return {
    done: Promise.all(handles.map((handle) => handle.done)).then(() => undefined),
    stop: () => Promise.all(handles.map((handle) => handle.stop())).then(() => undefined),
  };
}
