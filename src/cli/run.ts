import path from 'node:path';
import { parseDuration } from '../config/durations.js';
import { shardRequest } from '../connection/shards.js';
import { UsageError } from '../errors.js';
import { METRICS_TO_PARENT } from '../supervise/messages.js';
import type { ConnectionFlags, OutputFlags } from './connection-options.js';
import type { CliContext } from './context.js';
import { launch } from './launch.js';
import { type MetricsFlags, metricsOptionsOf } from './metrics-flags.js';
import { configReloader } from './reloader.js';
import { readRunConfig } from './run-config.js';
import { statePathOf } from './state-path.js';

export interface RunFlags extends ConnectionFlags, OutputFlags, MetricsFlags {
  only?: string[];
  /** A path, or false for --no-state (commander's default for the pair is true). */
  state: string | boolean;
  fresh?: boolean;
  watch?: boolean;
  shutdownTimeout?: string;
}

/** A duration flag's value in ms (0 allowed: cancel at once); a bad one is a usage error. */
export function durationFlag(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined || ms < 0)
    throw new UsageError(`${flag} expects a duration such as 10s or 1m, got "${text}".`);
  return ms;
}

/** `discloop run [config]`: every loop of the config, until all are done or a signal stops them. */
export async function run(
  configPath: string | undefined,
  flags: RunFlags,
  ctx: CliContext,
): Promise<number> {
  // A child of `run --processes --metrics` keeps its metrics and status for its parent.
  const metrics =
    ctx.parent && ctx.env[METRICS_TO_PARENT] === '1'
      ? { parent: ctx.parent }
      : metricsOptionsOf(flags, ctx.env);
  const read = await readRunConfig(configPath, flags, ctx);
  if ('exitCode' in read) return read.exitCode;
  const shards = shardRequest(flags, ctx.env);
  const state = {
    path: statePathOf(flags, read.file, ctx, shards),
    fresh: flags.fresh === true,
  };
  const file = path.resolve(ctx.cwd, read.file);
  const reload = configReloader(file, flags.watch === true, read.select, ctx);
  const shutdownGraceMs = durationFlag('--shutdown-timeout', flags.shutdownTimeout);
  return launch(
    {
      setups: read.setups,
      flags,
      once: false,
      configToken: read.config.token,
      warnings: read.warnings,
      state,
      reload,
      shutdownGraceMs,
      shards,
      metrics,
    },
    ctx,
  );
}
