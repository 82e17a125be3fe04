import { type LoopDeps, type LoopHandle, type RunTask, startLoop } from './loop-runner.js';
import type { LoopPlan } from './schedule.js';

/** Runs several loops side by side; one loop's failure never touches another's schedule. */
export function startLoops(loops: { plan: LoopPlan; task: RunTask }[], deps: LoopDeps): LoopHandle {
  const handles = loops.map(({ plan, task }) => startLoop(plan, task, deps));
  return {
    done: Promise.all(handles.map((handle) => handle.done)).then(() => undefined),
    stop: () => Promise.all(handles.map((handle) => handle.stop())).then(() => undefined),
  };
}
