import type { ActionRegistry } from '../actions/registry.js';
import { loadConfig } from '../config/load.js';
import { type LoopSetup, loopSetups } from '../config/plans.js';
import type { Config } from '../config/schema.js';
import { UsageError } from '../errors.js';
import { configWarnings, reportConfigProblems } from './config-problems.js';
import type { CliContext } from './context.js';

/** A config `run` can start from: its file, its loops (enabled, --only) and how to pick them again. */
export interface RunConfig {
  file: string;
  config: Config;
  setups: LoopSetup[];
  /** The same choice of loops on every reload: enabled ones, and only those of --only. */
  select: (config: Config, registry: ActionRegistry) => LoopSetup[];
  warnings: string[];
}

/**
 * Reads the config of `run` and checks what would stop any process from running it: problems
 * (printed; the exit code 2 is returned), an unknown --only name or no loop to run (usage
 * errors). `run --processes` checks it once here, before any child starts.
 */
export async function readRunConfig(
  configPath: string | undefined,
  flags: { only?: string[]; color: boolean },
  ctx: CliContext,
): Promise<RunConfig | { exitCode: number }> {
  const loaded = await loadConfig(configPath, ctx);
  if (!loaded.ok) return { exitCode: reportConfigProblems(loaded, flags.color, ctx) };
  const all = loopSetups(loaded.config, loaded.registry);
  const unknown = (flags.only ?? []).filter((name) => !all.some((s) => s.plan.name === name));
  if (unknown.length > 0) {
    throw new UsageError(
      `--only names no enabled loop called ${unknown.join(', ')}.`,
      `Loops in ${loaded.file}: ${all.map((s) => s.plan.name).join(', ')}.`,
    );
  }
  const select = (config: Config, registry: ActionRegistry) =>
    loopSetups(config, registry).filter((s) => !flags.only || flags.only.includes(s.plan.name));
  const setups = select(loaded.config, loaded.registry);
  if (setups.length === 0) throw new UsageError(`${loaded.file} has no enabled loop to run.`);
  return {
    file: loaded.file,
    config: loaded.config,
    setups,
    select,
    warnings: configWarnings(loaded),
  };
}
