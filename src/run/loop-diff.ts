import type { LoopSetup } from '../config/plans.js';

/** How a new config's loops differ from the running ones, by name. */
export interface LoopDiff {
  added: LoopSetup[];
  removed: string[];
  /** Same name, another action, options or schedule: restarted (keeping state if the work is the same). */
  changed: LoopSetup[];
  unchanged: string[];
}

/** A loop as far as a reload cares: its schedule and modifiers, its action and options. */
const shapeOf = ({ plan, action, options, timezone }: LoopSetup) =>
  JSON.stringify([plan, action.name, options, timezone ?? null]);

/** The diff a reload applies, computed purely: unchanged loops are not touched at all. */
export function diffLoops(running: readonly LoopSetup[], wanted: readonly LoopSetup[]): LoopDiff {
  const before = new Map(running.map((setup) => [setup.plan.name, setup]));
  const diff: LoopDiff = { added: [], removed: [], changed: [], unchanged: [] };
  for (const setup of wanted) {
    const old = before.get(setup.plan.name);
    if (!old) diff.added.push(setup);
    else if (shapeOf(old) === shapeOf(setup) && old.action === setup.action)
      diff.unchanged.push(setup.plan.name);
    else diff.changed.push(setup);
  }
  const names = new Set(wanted.map((setup) => setup.plan.name));
  diff.removed = running.map((setup) => setup.plan.name).filter((name) => !names.has(name));
  return diff;
}
