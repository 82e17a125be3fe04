import { loadConfig } from '../config/load.js';
import { loopSetups } from '../config/plans.js';
import { systemTimeZone } from '../config/timezones.js';
import { type ShardFlags, shardIds, shardRequest } from '../connection/shards.js';
import { UsageError } from '../errors.js';
import { memoize } from '../memoize.js';
import { zoneTimeFormatter } from '../output/format-time.js';
import { renderPlacement } from '../output/render-placement.js';
import { colorWanted, styleFor } from '../output/style.js';
import { placeOffline } from '../run/offline-placement.js';
import { describeModifiers, describeSchedule, nextRuns } from '../schedule/describe.js';
import type { LoopPlan, Schedule } from '../schedule/schedule.js';
import { configWarnings, reportConfigProblems } from './config-problems.js';
import type { CliContext } from './context.js';

/**
 * `discloop validate [config]`: checks the config without connecting, then lists each loop,
 * its schedule in words and its next 3 runs in its own timezone; given shards, which loops a
 * process of them would run.
 */
export async function validate(
  configPath: string | undefined,
  flags: { color: boolean } & ShardFlags,
  ctx: CliContext,
  now = Date.now(),
): Promise<number> {
  const shards = shardsToPlace(flags, ctx.env);
  const loaded = await loadConfig(configPath, ctx);
  if (!loaded.ok) return reportConfigProblems(loaded, flags.color, ctx);
  for (const warning of configWarnings(loaded)) ctx.sink.err(`! ${warning}`);
  const style = styleFor(colorWanted(ctx.stdout, flags.color, ctx.env));
  const setups = loopSetups(loaded.config, loaded.registry);
  const lines = [
    `${style.green('✓')} ${loaded.file}: ${setups.length} loop${setups.length === 1 ? '' : 's'} to run`,
  ];
  const schedule = scheduleLines(now);
  for (const { plan, action } of setups) {
    const { words, runs } = schedule(plan);
    const how = [words, ...describeModifiers(plan)].join(', ');
    lines.push(`\n  ${style.bold(plan.name)} (${action.name}): ${how}`);
    for (const run of runs.slice(0, plan.count ?? runs.length)) lines.push(`    ${run}`);
  }
  const disabled = loaded.config.loops
    .filter((loop) => loop.enabled === false)
    .map((loop) => loop.name);
  if (disabled.length > 0) lines.push(`\n  ${style.dim(`disabled: ${disabled.join(', ')}`)}`);
  if (shards) lines.push(`\n${renderPlacement(placeOffline(setups, shards), style)}`);
  // One write: a line at a time costs a system call each, with thousands of loops.
  ctx.sink.out(lines.join('\n'));
  return 0;
}

/** The shards asked for, if any: their count must be a number, as validate asks Discord nothing. */
function shardsToPlace(flags: ShardFlags, env: CliContext['env']) {
  const request = shardRequest(flags, env);
  if (request.kind === 'all') return undefined;
  if (request.count === 'auto')
    throw new UsageError(
      'validate needs a number for --shard-count: it does not connect, so it cannot ask Discord (auto).',
      'Give the count every process runs with, e.g. --shard-count 16 (or DISCLOOP_SHARD_COUNT).',
    );
  return { ids: shardIds(request, request.count), count: request.count };
}

/**
 * A schedule in words and its next 3 runs as printed. Loops often share a schedule, and the
 * wall-clock maths is the costly part of a large config, so each distinct one is worked out once.
 */
function scheduleLines(now: number) {
  const zone = systemTimeZone();
  const format = zoneTimeFormatter();
  const lines = memoize((schedule: Schedule) => {
    const timeZone = 'timezone' in schedule ? (schedule.timezone ?? zone) : zone;
    const plan = { name: '', schedule, overlap: 'skip', onError: 'continue' } as const;
    const runs = nextRuns(plan, now, 3).map((run) => format(run, timeZone));
    return { words: describeSchedule(schedule), runs };
  }, JSON.stringify);
  return (plan: LoopPlan) => lines(plan.schedule);
}
