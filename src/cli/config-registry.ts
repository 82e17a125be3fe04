import type { ActionRegistry } from '../actions/registry.js';
import { reportConfigProblems } from './config-problems.js';
import type { CliContext } from './context.js';

/**
 * The actions a command lists: the built-ins, and with a config its plugins' too. A config
 * whose plugins cannot be loaded is reported like any config problem: `exitCode` 2.
 */
export async function registryOf(
  configPath: string | undefined,
  color: boolean,
  ctx: CliContext,
): Promise<{ registry: ActionRegistry } | { exitCode: number }> {
  if (configPath === undefined) return { registry: ctx.registry };
  const { readConfig } = await import('../config/load.js');
  const read = await readConfig(configPath, ctx);
  if (!read.ok) return { exitCode: reportConfigProblems(read, color, ctx) };
  return { registry: read.registry };
}
