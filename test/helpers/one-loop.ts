import type { ActionDefinition } from '../../src/actions/types.js';
import type { LoopSetup } from '../../src/config/plans.js';
import { createLoopSet, type LoopSet } from '../../src/run/loop-set.js';
import type { LoopDeps, RunTask } from '../../src/schedule/loop-runner.js';
import type { LoopPlan } from '../../src/schedule/schedule.js';
import { memoryStore } from '../../src/state/store.js';

/** An action that does nothing: the scheduler tests' loops run a task of their own instead. */
export const noopAction: ActionDefinition = {
  name: 'noop',
  summary: 'does nothing',
  options: {},
  intents: () => [],
  permissions: [],
  run: async () => undefined,
  renderText: () => '',
};

export const setupOf = (plan: LoopPlan): LoopSetup => ({ plan, action: noopAction, options: {} });

/** One loop in a loop set, each run doing `task`: the scheduler as `discloop run` drives it. */
export function startOneLoop(plan: LoopPlan, task: RunTask, { clock, emit }: LoopDeps): LoopSet {
  const set = createLoopSet({
    clock,
    emit,
    run: (_loop, request) => task(request),
    store: memoryStore(),
    say: () => {},
  });
  set.add(setupOf(plan));
  return set;
}
