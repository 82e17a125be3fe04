import type { LoopSetup } from '../config/plans.js';
import type { ReloadProblem, Reporter } from '../output/events.js';
import { describeSchedule } from '../schedule/describe.js';
import { diffLoops } from './loop-diff.js';
import type { LoopSet } from './loop-set.js';

/** A config read again: its loops, or why it cannot be used (rendered for people too). */
export type ReloadResult =
  | { ok: true; setups: LoopSetup[] }
  | { ok: false; problems: ReloadProblem[]; text: string };

/** How a run reloads its config: when asked (SIGHUP, a file change), and how it reads it. */
export interface Reloader {
  /** Calls `reload` on each request; returns an unsubscribe. */
  requests(reload: () => void): () => void;
  load(): Promise<ReloadResult>;
}

/**
 * Applies a new config to a running loop set as a diff by name: unchanged loops are not
 * touched (their next run and state stay), changed ones restart, removed ones end, added ones
 * start. A bad edit changes nothing and is reported with its problems. Returns the loops now
 * running, for the next reload.
 */
export async function applyReload(
  running: LoopSetup[],
  result: ReloadResult,
  loops: LoopSet,
  reporter: Reporter,
  /** The loops of the new config that run here, once the session fits them (intents). */
  fitSession: (setups: LoopSetup[]) => Promise<LoopSetup[]>,
): Promise<LoopSetup[]> {
  if (!result.ok) {
    reporter.report({ type: 'reload', ok: false, problems: result.problems, text: result.text });
    return running;
  }
  const wanted = await fitSession(result.setups);
  const diff = diffLoops(running, wanted);
  const names = (setups: LoopSetup[]) => setups.map((setup) => setup.plan.name);
  // Said before it is done, so that what follows (ends, next runs) is about loops already known.
  reporter.report({
    type: 'reload',
    ok: true,
    added: names(diff.added),
    removed: diff.removed,
    changed: names(diff.changed),
    unchanged: diff.unchanged.length,
    loops: [...diff.added, ...diff.changed].map(({ plan }) => ({
      name: plan.name,
      schedule: describeSchedule(plan.schedule),
      count: plan.count,
    })),
  });
  for (const name of diff.removed) void loops.remove(name);
  for (const setup of diff.changed) void loops.replace(setup);
  loops.add(...diff.added);
  return wanted;
}
