import type { LoopPlan } from '../schedule/schedule.js';

/**
 * When Discord's rate limits held a run longer than its loop's interval, runs were skipped or
 * delayed because of it: say so once for that run, naming the loop and what to change.
 */
export function heldLongerThanInterval(
  plan: LoopPlan,
  iteration: number,
  heldMs: number,
): string | undefined {
  if (plan.schedule.kind !== 'interval' || heldMs <= plan.schedule.everyMs) return undefined;
  const held = (heldMs / 1000).toFixed(1);
  const every = (plan.schedule.everyMs / 1000).toFixed(1);
  return `${plan.name} #${iteration}: Discord's rate limits held this run ${held} s, longer than the loop's ${every} s interval; runs in between were skipped. Run it less often.`;
}
