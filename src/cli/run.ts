import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { loopSetups } from '../config/plans.js';
import { UsageError } from '../errors.js';
import { configWarnings, reportConfigProblems } from './config-problems.js';
import type { ConnectionFlags, OutputFlags } from './connection-options.js';
import type { CliContext } from './context.js';
import { launch } from './launch.js';
import { type MetricsFlags, metricsOptionsOf } from './metrics-flags.js';

export interface RunFlags extends ConnectionFlags, OutputFlags, MetricsFlags {
  only?: string[];
  /** A path, or false for --no-state (commander's default for the pair is true). */
  state: string | boolean;
  fresh?: boolean;
}

/**
 * SPEC §8: --state, else DISCLOOP_STATE, else .discloop/state.json beside the config. The
 * sandbox's world is new at every start, so remembering runs against it would only mislead:
 * it keeps state only when a path is given.
 */
function statePathOf(flags: RunFlags, configFile: string, ctx: CliContext): string | undefined {
  if (flags.state === false) return undefined;
  const given = typeof flags.state === 'string' ? flags.state : ctx.env.DISCLOOP_STATE;
  if (given) return path.resolve(ctx.cwd, given);
  if (flags.sandbox) return undefined;
  return path.join(path.dirname(path.resolve(ctx.cwd, configFile)), '.discloop', 'state.json');
}

/** `discloop run [config]`: every loop of the config, until all are done or a signal stops them. */
export async function run(
  configPath: string | undefined,
  flags: RunFlags,
  ctx: CliContext,
): Promise<number> {
  const metrics = metricsOptionsOf(flags, ctx.env);
  const loaded = await loadConfig(configPath, ctx);
  if (!loaded.ok) return reportConfigProblems(loaded, flags.color, ctx);
  let setups = loopSetups(loaded.config, ctx.registry);
  if (flags.only) {
    const unknown = flags.only.filter((name) => !setups.some((s) => s.plan.name === name));
    if (unknown.length > 0) {
      throw new UsageError(
        `--only names no enabled loop called ${unknown.join(', ')}.`,
        `Loops in ${loaded.file}: ${setups.map((s) => s.plan.name).join(', ')}.`,
      );
    }
    setups = setups.filter((s) => flags.only?.includes(s.plan.name));
  }
  if (setups.length === 0) throw new UsageError(`${loaded.file} has no enabled loop to run.`);
  const warnings = configWarnings(loaded);
  const state = { path: statePathOf(flags, loaded.file, ctx), fresh: flags.fresh === true };
  return launch(
    { setups, flags, once: false, configToken: loaded.config.token, warnings, state, metrics },
    ctx,
  );
}
