import type { z } from 'zod';
import type { ActionContext, ActionLog } from '../actions/types.js';
import type { IntentName } from '../connection/intents.js';

/**
 * What a plugin's `run` receives (SPEC §10): what the built-ins use, plus a log, the slot the
 * run is for, and the templates of the config (`{guild.name}`, `{loop.iteration}`, `{now}`, …).
 */
export interface PluginContext extends Omit<ActionContext, 'loop' | 'log'> {
  loop: {
    name: string;
    /** 1-based, counting runs (skipped slots are not runs). */
    iteration: number;
    /** Epoch ms of the slot this run is for; `now` is when it started. */
    scheduledAt: number;
  };
  log: ActionLog;
  /**
   * Fills a template's `{placeholder}`s; `guild` (an id or a name) also allows `{guild.…}`.
   * An unknown placeholder fails the run with a message that names it.
   */
  render(template: string, guild?: string): Promise<string>;
}

/**
 * An action of your own (SPEC §10), made with `defineAction` and exported by default from a
 * module the config lists under `plugins:`.
 */
export interface PluginAction<O extends z.ZodObject = z.ZodObject, D = unknown> {
  /** What loops write after `action:`: letters, digits, - and _, unlike any other action's. */
  name: string;
  /** One line, shown by `discloop actions` and in the config's JSON Schema. */
  description: string;
  /** `with:`, as `z.object({ … })` (from discloop): checked when the config is, with positions. */
  options?: O;
  /**
   * Gateway intents the action reads with, added to the connection's like the built-ins'.
   * Default: Guilds, which `discord.guilds()` and `channels()` need; `[]` for none.
   */
  intents?: readonly IntentName[];
  /** Permissions the bot needs where it acts, as the Discord client names them (for the docs). */
  permissions?: readonly string[];
  /** One run. What it returns (JSON, or nothing) is the run's `data`; a throw fails the run. */
  run(context: PluginContext, options: z.output<O>): D | Promise<D>;
  /** The run's text body (without `--json`); default: the data as JSON. */
  render?(data: D): string;
}

/** Ties an action's option and data types to its functions, as vite's `defineConfig` does. */
export function defineAction<
  O extends z.ZodObject = z.ZodObject<Record<never, never>>,
  D = undefined,
>(action: PluginAction<O, D>): PluginAction<O, D> {
  return action;
}
