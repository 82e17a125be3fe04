import { formatDuration } from '../config/durations.js';
import { loadConfig } from '../config/load.js';
import { loopSetups } from '../config/plans.js';
import { colorWanted, styleFor } from '../output/style.js';
import { reportConfigProblems } from './config-errors.js';
import type { CliContext } from './context.js';

/** `discloop validate [config]`: checks the config without connecting. */
export async function validate(
  configPath: string | undefined,
  flags: { color: boolean },
  ctx: CliContext,
): Promise<number> {
  const loaded = await loadConfig(configPath, ctx.cwd, ctx.env);
  const style = styleFor(colorWanted(ctx.stdout, flags.color, ctx.env));
  reportConfigProblems(loaded, styleFor(colorWanted(ctx.stderr, flags.color, ctx.env)), ctx);
  if (!loaded.config) return 2;
  ctx.sink.out(`${style.green('✓')} ${loaded.file} is valid`);
  for (const { plan, action } of loopSetups(loaded.config)) {
    const every =
      plan.schedule.kind === 'interval'
        ? `every ${formatDuration(plan.schedule.everyMs)}`
        : plan.schedule.kind;
    const count = plan.count === undefined ? '' : `, ${plan.count} runs`;
    ctx.sink.out(`  ${style.bold(plan.name)}  ${action.name}  ${every}${count}`);
  }
  return 0;
}
