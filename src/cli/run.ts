import path from 'node:path';
import type { ActionRegistry } from '../actions/registry.js';
import { parseDuration } from '../config/durations.js';
import { loadConfig } from '../config/load.js';
import { loopSetups } from '../config/plans.js';
import type { Config } from '../config/schema.js';
import { formatShards, type ShardRequest, shardRequest } from '../connection/shards.js';
import { UsageError } from '../errors.js';
import { configWarnings, reportConfigProblems } from './config-problems.js';
import type { ConnectionFlags, OutputFlags } from './connection-options.js';
import type { CliContext } from './context.js';
import { launch } from './launch.js';
import { type MetricsFlags, metricsOptionsOf } from './metrics-flags.js';
import { configReloader } from './reloader.js';

export interface RunFlags extends ConnectionFlags, OutputFlags, MetricsFlags {
  only?: string[];
  /** A path, or false for --no-state (commander's default for the pair is true). */
  state: string | boolean;
  fresh?: boolean;
  watch?: boolean;
  shutdownTimeout?: string;
}

/** A duration flag's value in ms (0 allowed: cancel at once); a bad one is a usage error. */
function durationFlag(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined || ms < 0)
    throw new UsageError(`${flag} expects a duration such as 10s or 1m, got "${text}".`);
  return ms;
}

/**
 * SPEC §8: --state, else DISCLOOP_STATE, else .discloop/state.json beside the config. The
 * sandbox's world is new at every start, so remembering runs against it would only mislead:
 * it keeps state only when a path is given.
 */
function statePathOf(
  flags: RunFlags,
  configFile: string,
  ctx: CliContext,
  shards: ShardRequest,
): string | undefined {
  if (flags.state === false) return undefined;
  const given = typeof flags.state === 'string' ? flags.state : ctx.env.DISCLOOP_STATE;
  if (given) return path.resolve(ctx.cwd, given);
  if (flags.sandbox) return undefined;
  const dir = path.join(path.dirname(path.resolve(ctx.cwd, configFile)), '.discloop');
  return path.join(dir, `state${shardStateSuffix(shards)}.json`);
}

/**
 * Each shard range keeps its own state (SPEC §9): `state.shards-0-1-of-4.json`. With the count
 * left to Discord (auto), the name says the range or the process instead.
 */
function shardStateSuffix(shards: ShardRequest): string {
  if (shards.kind === 'all') return '';
  if (shards.kind === 'slice') return `.process-${shards.index}-of-${shards.of}`;
  const of = shards.count === 'auto' ? '' : `-of-${shards.count}`;
  return `.shards-${formatShards(shards.ids).replace(/,/g, '_')}${of}`;
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
  const all = loopSetups(loaded.config, loaded.registry);
  const unknown = (flags.only ?? []).filter((name) => !all.some((s) => s.plan.name === name));
  if (unknown.length > 0) {
    throw new UsageError(
      `--only names no enabled loop called ${unknown.join(', ')}.`,
      `Loops in ${loaded.file}: ${all.map((s) => s.plan.name).join(', ')}.`,
    );
  }
  // The same choice of loops on every reload: enabled ones, and only those of --only.
  const select = (config: Config, registry: ActionRegistry) =>
    loopSetups(config, registry).filter((s) => !flags.only || flags.only.includes(s.plan.name));
  const setups = select(loaded.config, loaded.registry);
  if (setups.length === 0) throw new UsageError(`${loaded.file} has no enabled loop to run.`);
  const warnings = configWarnings(loaded);
  const shards = shardRequest(flags, ctx.env);
  const state = {
    path: statePathOf(flags, loaded.file, ctx, shards),
    fresh: flags.fresh === true,
  };
  const file = path.resolve(ctx.cwd, loaded.file);
  const reload = configReloader(file, flags.watch === true, select, ctx);
  const shutdownGraceMs = durationFlag('--shutdown-timeout', flags.shutdownTimeout);
  return launch(
    {
      setups,
      flags,
      once: false,
      configToken: loaded.config.token,
      warnings,
      state,
      reload,
      shutdownGraceMs,
      shards,
      metrics,
    },
    ctx,
  );
}
