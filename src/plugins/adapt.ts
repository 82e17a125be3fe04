import { z } from 'zod';
import type { ActionDefinition, OptionDoc } from '../actions/types.js';
import { didYouMean } from '../config/did-you-mean.js';
import { describeValue, pathText, valueAt } from '../config/problems.js';
import { INTENT_BITS } from '../connection/intents.js';
import { pluginContext } from './context.js';
import type { PluginAction } from './define.js';
import { optionDocsOf } from './option-docs.js';

const ACTION_NAME = /^[A-Za-z0-9_-]+$/;
const INTENT_NAMES = Object.keys(INTENT_BITS) as [keyof typeof INTENT_BITS];

const isFunction = (value: unknown) => typeof value === 'function';
/** A zod object of any copy of zod 4: the plugin's `z` may not be this bundle's. */
const isZodObject = (value: unknown): value is z.ZodObject =>
  (value as { _zod?: { def?: { type?: string } } } | null)?._zod?.def?.type === 'object';

/** The shape of SPEC §10's action, checked on whatever a plugin module exports. */
const pluginActionShape = z.strictObject({
  name: z
    .string({ error: 'expected a name' })
    .regex(ACTION_NAME, { error: 'expected a name of letters, digits, - and _' }),
  description: z.string({ error: 'expected a line saying what the action does' }),
  options: z
    .custom(isZodObject, { error: 'expected z.object({ … }) (z from discloop)' })
    .optional(),
  intents: z.array(z.enum(INTENT_NAMES), { error: 'expected a list of intent names' }).optional(),
  permissions: z.array(z.string(), { error: 'expected a list of permission names' }).optional(),
  run: z.custom(isFunction, { error: 'expected a function run(ctx, options)' }),
  render: z.custom(isFunction, { error: 'expected a function render(data)' }).optional(),
});
const KEYS = Object.keys(pluginActionShape.shape);
/** What the built-ins call these (src/actions/types.ts), for authors who read those first. */
const BUILTIN_NAMES: Record<string, string> = { summary: 'description', renderText: 'render' };

/** What is wrong with one exported value as an action, in a few words; none: it is one. */
function actionProblems(value: unknown): string[] {
  if (value === null || typeof value !== 'object')
    return [
      `expected an action made with defineAction, got ${typeof value === 'function' ? 'a function' : describeValue(value)}`,
    ];
  const parsed = pluginActionShape.safeParse(value);
  if (parsed.success) return [];
  return parsed.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => {
        const guess = BUILTIN_NAMES[key] ?? didYouMean(key, KEYS);
        return `unknown key "${key}"${guess ? `: did you mean "${guess}"?` : ''}`;
      });
    const path = issue.path as (string | number)[];
    const key = pathText(path);
    const got = valueAt(value, path);
    if (got === undefined) return [`missing "${key}": ${issue.message}`];
    const expected =
      issue.code === 'invalid_value' ? `expected one of ${issue.values.join(', ')}` : issue.message;
    return [
      `"${key}": ${expected}, got ${typeof got === 'function' ? 'a function' : describeValue(got)}`,
    ];
  });
}

/**
 * The actions of a plugin module's default export (an action, or a list of them), each in the
 * engine's form; or why it exports none. `plugin` is the module's entry in the config.
 */
export function actionsOfExport(
  exported: unknown,
  plugin: string,
): { ok: true; actions: ActionDefinition[] } | { ok: false; message: string } {
  if (exported === undefined)
    return {
      ok: false,
      message:
        'it has no default export: expected `export default defineAction({ … })` or a list of actions',
    };
  const list = Array.isArray(exported) ? exported : [exported];
  const problems = list.flatMap((value, index) => {
    const found = actionProblems(value);
    if (found.length === 0) return [];
    const name = (value as { name?: unknown } | null)?.name;
    const which = Array.isArray(exported)
      ? `item ${index + 1}${typeof name === 'string' ? ` ("${name}")` : ''}`
      : 'its default export';
    return [`${which} is not an action: ${found.join('; ')}`];
  });
  if (problems.length > 0) return { ok: false, message: problems.join('; ') };
  return { ok: true, actions: list.map((action) => adaptedOnce(action as PluginAction, plugin)) };
}

/**
 * Each plugin action adapted once per process. A module is imported once (jiti's cache), so a
 * reload of the config finds the same actions, and a reload's diff, which compares actions by
 * identity, leaves the loops that did not change untouched.
 */
const adapted = new WeakMap<PluginAction, ActionDefinition>();
function adaptedOnce(action: PluginAction, plugin: string): ActionDefinition {
  const known = adapted.get(action);
  if (known?.plugin === plugin) return known;
  const fresh = adaptPlugin(action, plugin);
  adapted.set(action, fresh);
  return fresh;
}

/**
 * A plugin's options reject keys they do not know, like every other part of a config, unless
 * the plugin chose otherwise (`z.looseObject`, `.passthrough()`).
 */
const strictOptions = (schema: z.ZodObject) =>
  schema._zod.def.catchall === undefined ? schema.strict() : schema;

/** The text of a run without `render`: its data as JSON, nothing for none. */
function defaultText(data: unknown): string {
  if (data === undefined || data === null) return '';
  if (typeof data === 'object' && Object.keys(data).length === 0) return '';
  return typeof data === 'string' ? data : JSON.stringify(data);
}

/**
 * A plugin's action in the engine's form. Its `render` runs inside the run, so that one that
 * throws fails the run (as `run` throwing does) instead of the reporter.
 */
export function adaptPlugin(action: PluginAction, plugin: string): ActionDefinition {
  const schema = strictOptions(action.options ?? z.object({}));
  const intents = [...(action.intents ?? (['Guilds'] as const))];
  const texts = new WeakMap<object, string>();
  let docs: OptionDoc[] | undefined;
  const textOf = (data: unknown) => (action.render ? action.render(data) : defaultText(data));
  return {
    name: action.name,
    summary: action.description,
    options: {},
    optionsSchema: schema,
    // Only `discloop actions` reads them: no JSON Schema work on every start.
    get optionDocs() {
      docs ??= optionDocsOf(schema);
      return docs;
    },
    plugin,
    intents: () => intents,
    permissions: [...(action.permissions ?? [])],
    async run(context, options) {
      const data = (await action.run(pluginContext(context), options)) ?? {};
      if (typeof data === 'object') texts.set(data, textOf(data));
      return data;
    },
    renderText(data) {
      if (typeof data === 'object' && data !== null) {
        const text = texts.get(data);
        if (text !== undefined) return text;
      }
      try {
        return textOf(data);
      } catch (error) {
        return `(${action.name} could not render its result: ${String(error)})`;
      }
    },
  };
}
