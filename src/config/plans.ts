import { normaliseOptions, type OptionsSpec, type OptionValues } from '../actions/options.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { ActionDefinition } from '../actions/types.js';
import type { LoopPlan, Schedule } from '../schedule/schedule.js';
import { intervalPartsMs, parseDuration } from './durations.js';
import type { Config, LoopConfig } from './schema.js';

/** A loop ready to run: when (the plan), what (the action) and with which options. */
export interface LoopSetup {
  plan: LoopPlan;
  action: ActionDefinition;
  options: OptionValues<OptionsSpec>;
  /** The zone the loop's `{now}` and schedule are read in; none: this machine's local time. */
  timezone?: string;
}

/** The loop's one schedule kind (validation made sure there is exactly one). */
export function scheduleOf(loop: LoopConfig, timezone?: string): Schedule {
  if (loop.time !== undefined) {
    const times = Array.isArray(loop.time) ? loop.time : [loop.time];
    return { kind: 'time', times, timezone: loop.timezone ?? timezone };
  }
  if (loop.cron !== undefined)
    return { kind: 'cron', expression: loop.cron, timezone: loop.timezone ?? timezone };
  if (loop.every !== undefined)
    return { kind: 'interval', everyMs: parseDuration(loop.every) ?? 0 };
  return { kind: 'interval', everyMs: intervalPartsMs(loop) };
}

const durationMs = (text: string | undefined) =>
  text === undefined ? undefined : parseDuration(text);

/** Turns a validated config into runnable loops; `enabled: false` loops are left out. */
export function loopSetups(config: Config, registry: ActionRegistry): LoopSetup[] {
  return config.loops
    .filter((loop) => loop.enabled !== false)
    .map((loop) => {
      const action = registry.get(loop.action);
      if (!action) throw new Error(`validated config names unknown action ${loop.action}`);
      const timezone = loop.timezone ?? config.timezone;
      const given = (loop.with ?? {}) as Record<string, unknown>;
      return {
        action,
        // A plugin's options are what its schema made of `with:` (defaults filled in).
        options: action.optionsSchema
          ? (given as OptionValues<OptionsSpec>)
          : normaliseOptions(action.options, given),
        timezone,
        plan: {
          name: loop.name,
          schedule: scheduleOf(loop, timezone),
          count: loop.count,
          jitterMs: durationMs(loop.jitter),
          timeoutMs: durationMs(loop.timeout),
          overlap: loop.overlap ?? 'skip',
          onError: loop.onError ?? 'continue',
          retry: loop.retry ?? 0,
          retryDelayMs: durationMs(loop.retryDelay),
          catchUp: loop.catchUp ?? 'latest',
          catchUpWindowMs: durationMs(loop.catchUpWindow),
        },
      };
    });
}
