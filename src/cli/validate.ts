import { loadConfig } from '../config/load.js';
import { loopSetups } from '../config/plans.js';
import { systemTimeZone } from '../config/timezones.js';
import { formatInZone } from '../output/format-time.js';
import { colorWanted, styleFor } from '../output/style.js';
import { describeModifiers, describeSchedule, nextRuns } from '../schedule/describe.js';
import { configWarnings, reportConfigProblems } from './config-problems.js';
import type { CliContext } from './context.js';

/**
 * `discloop validate [config]`: checks the config without connecting, then lists each loop,
 * its schedule in words and its next 3 runs in its own timezone.
 */
export async function validate(
  configPath: string | undefined,
  flags: { color: boolean },
  ctx: CliContext,
  now = Date.now(),
): Promise<number> {
  const loaded = await loadConfig(configPath, ctx);
  if (!loaded.ok) return reportConfigProblems(loaded, flags.color, ctx);
  for (const warning of configWarnings(loaded)) ctx.sink.err(`! ${warning}`);
  const style = styleFor(colorWanted(ctx.stdout, flags.color, ctx.env));
  const zone = systemTimeZone();
  const setups = loopSetups(loaded.config, loaded.registry);
  ctx.sink.out(
    `${style.green('✓')} ${loaded.file}: ${setups.length} loop${setups.length === 1 ? '' : 's'} to run`,
  );
  for (const { plan, action } of setups) {
    const timeZone = 'timezone' in plan.schedule ? (plan.schedule.timezone ?? zone) : zone;
    const how = [describeSchedule(plan.schedule), ...describeModifiers(plan)].join(', ');
    ctx.sink.out(`\n  ${style.bold(plan.name)} (${action.name}): ${how}`);
    for (const run of nextRuns(plan, now, 3)) ctx.sink.out(`    ${formatInZone(run, timeZone)}`);
  }
  const disabled = loaded.config.loops
    .filter((loop) => loop.enabled === false)
    .map((loop) => loop.name);
  if (disabled.length > 0) ctx.sink.out(`\n  ${style.dim(`disabled: ${disabled.join(', ')}`)}`);
  return 0;
}
