import { z } from 'zod';
import type { OptionSpec } from '../actions/options.js';
import { ACTIONS } from '../actions/registry.js';
import type { ActionDefinition } from '../actions/types.js';
import { parseDuration } from './durations.js';

/**
 * The one schema of the config file. It validates at run time, yields the TypeScript types
 * below, and is printed as JSON Schema by `discloop schema`. Each action's `with:` options come
 * from the action registry, so a new action or option needs no change here.
 */
export const LOOP_NAME = /^[A-Za-z0-9_-]+$/;

export const INTERVAL_KEYS = ['seconds', 'minutes', 'hours'] as const;
export const SCHEDULE_KEYS = [...INTERVAL_KEYS, 'every'] as const;

const duration = (what: string) =>
  z
    .string()
    .refine((text) => parseDuration(text) !== undefined, {
      error: 'expected a duration such as 90s, 1h30m or 500ms',
    })
    .describe(what);

const positive = (what: string) =>
  z
    .number({ error: 'expected a number' })
    .positive({ error: 'expected a number above 0' })
    .describe(what);

function optionSchema(spec: OptionSpec): z.ZodType {
  switch (spec.kind) {
    case 'targets':
      return z.union([z.string(), z.array(z.string()).min(1)]).describe(spec.description);
    case 'boolean':
      return z.boolean().describe(spec.description);
    case 'string':
      return z.string().describe(spec.description);
  }
}

function withSchema(action: ActionDefinition) {
  const shape = Object.fromEntries(
    Object.entries(action.options).map(([name, spec]) => {
      const schema = optionSchema(spec);
      return [name, 'required' in spec && spec.required ? schema : schema.optional()];
    }),
  );
  return z.strictObject(shape).describe(`Options of ${action.name}`);
}

const loopFields = {
  name: z
    .string()
    .regex(LOOP_NAME, { error: 'expected a name of letters, digits, - and _' })
    .describe('Unique name of the loop'),
  enabled: z.boolean().optional().describe('false keeps the loop in the file without running it'),
  seconds: positive('Run every N seconds (adds up with minutes and hours)').optional(),
  minutes: positive('Run every N minutes (adds up with seconds and hours)').optional(),
  hours: positive('Run every N hours (adds up with seconds and minutes)').optional(),
  every: duration('Run at this interval, e.g. 1h30m (units ms, s, m, h, d)').optional(),
  count: z
    .number()
    .int({ error: 'expected a whole number' })
    .positive({ error: 'expected a number above 0' })
    .optional()
    .describe('Stop after this many runs'),
  jitter: duration('Delay each run by a random time up to this').optional(),
  timeout: duration('A run that takes longer fails').optional(),
  overlap: z
    .enum(['skip', 'wait', 'allow'])
    .optional()
    .describe('When a run is due while the previous one is still going'),
  onError: z.enum(['continue', 'stop']).optional().describe('What a failed run does to its loop'),
};

export function buildConfigSchema(actions: readonly ActionDefinition[] = ACTIONS) {
  const loops = actions.map((action) =>
    z.strictObject({
      ...loopFields,
      action: z.literal(action.name).describe(action.summary),
      with: withSchema(action).optional(),
    }),
  );
  const [first, ...rest] = loops;
  if (!first) throw new Error('the action registry is empty');
  return z
    .strictObject({
      $schema: z.string().optional(),
      token: z
        .string()
        .optional()
        .describe('Bot token; prefer ${DISCORD_TOKEN} over writing it here'),
      loops: z
        .array(z.discriminatedUnion('action', [first, ...rest]))
        .min(1, { error: 'expected at least one loop' }),
    })
    .describe('discloop config: scheduled Discord loops');
}

export type Config = z.infer<ReturnType<typeof buildConfigSchema>>;
export type LoopConfig = Config['loops'][number];

/** Keys a loop may have, for "did you mean" on misspellings. */
export const LOOP_KEYS = [...Object.keys(loopFields), 'action', 'with'];
export const TOP_LEVEL_KEYS = ['$schema', 'token', 'loops'];
