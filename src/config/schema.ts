import { z } from 'zod';
import type { ActionRegistry } from '../actions/registry.js';
import { memoize } from '../memoize.js';
import { parseCron } from '../schedule/wall-ticks.js';
import { didYouMean } from './did-you-mean.js';
import { parseDuration, SHORTEST_MS } from './durations.js';
import { withField } from './option-schemas.js';
import { isTimeZone, knownTimeZones } from './timezones.js';

/**
 * The one schema of the config file. It validates at run time, yields the TypeScript types
 * below, and is printed as JSON Schema by `discloop schema`. Each action's `with:` options come
 * from the action registry, so a new action or option needs no change here.
 */
export const LOOP_NAME = /^[A-Za-z0-9_-]+$/;

export const INTERVAL_KEYS = ['seconds', 'minutes', 'hours'] as const;
export const SCHEDULE_KEYS = [...INTERVAL_KEYS, 'every', 'time', 'cron'] as const;

export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

const timeOfDay = z
  .string({ error: 'expected a time of day such as "09:00" or "21:30:15"' })
  .regex(TIME_OF_DAY, { error: 'expected a time of day "HH:MM" or "HH:MM:SS" (24 h)' });

const timezone = (what: string) => {
  // Each name checked once: a check builds an Intl.DateTimeFormat, which is slow.
  const known = memoize(isTimeZone);
  return z
    .string()
    .superRefine((name, ctx) => {
      if (known(name)) return;
      const guess = didYouMean(name, knownTimeZones());
      ctx.addIssue({
        code: 'custom',
        message: 'expected an IANA timezone such as Europe/Berlin or UTC',
        params: { hint: guess && `did you mean "${guess}"?` },
      });
    })
    .describe(what);
};

// Each expression checked once: loops share them, and parsing one is not cheap.
const cronErrorOf = memoize(cronError);

const cron = z
  .string({ error: 'expected a cron expression in quotes' })
  .superRefine((expression, ctx) => {
    const fields = expression.trim().split(/\s+/).length;
    if (fields !== 5 && fields !== 6) {
      const hint = `it has ${fields} field${fields === 1 ? '' : 's'}`;
      ctx.addIssue({
        code: 'custom',
        message: 'expected a cron expression of 5 fields, or 6 with seconds first',
        params: { hint },
      });
      return;
    }
    const reason = cronErrorOf(expression);
    if (reason)
      ctx.addIssue({
        code: 'custom',
        message: 'expected a valid cron expression',
        params: { hint: reason },
      });
  })
  .describe('A cron expression: 5 fields, or 6 with seconds first, in the loop timezone');

/** croner's reason for refusing an expression ("invalid value for minute: 61"), or undefined. */
function cronError(expression: string): string | undefined {
  try {
    parseCron(expression, 'UTC');
    return undefined;
  } catch (error) {
    const reason = (error as Error).message.replace(/^Cron\w*: /, '').replace(/\.$/, '');
    return reason.charAt(0).toLowerCase() + reason.slice(1);
  }
}

/** A duration of `shortestMs` or more, checked where it is parsed, so no loop sees a bad one. */
const duration = (what: string, shortestMs: number) =>
  z
    .string({ error: 'expected a duration such as 90s, 1h30m or 500ms' })
    .superRefine((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === undefined)
        ctx.addIssue({
          code: 'custom',
          message: 'expected a duration such as 90s, 1h30m or 500ms',
        });
      else if (ms < shortestMs)
        ctx.addIssue({
          code: 'custom',
          message: `expected a duration of at least ${shortestMs}ms`,
        });
    })
    .describe(what);

/** An interval part: a positive number of `unit`, adding up with the other two. */
const intervalPart = (unit: string, others: string) =>
  z
    .number({ error: `expected a number of ${unit}` })
    .positive({ error: 'expected a number above 0' })
    .describe(`Run every N ${unit} (adds up with ${others})`);

const loopFields = {
  name: z
    .string({ error: 'expected a name of letters, digits, - and _' })
    .regex(LOOP_NAME, { error: 'expected a name of letters, digits, - and _' })
    .describe('Unique name of the loop'),
  enabled: z.boolean().optional().describe('false keeps the loop in the file without running it'),
  seconds: intervalPart('seconds', 'minutes and hours').optional(),
  minutes: intervalPart('minutes', 'seconds and hours').optional(),
  hours: intervalPart('hours', 'seconds and minutes').optional(),
  every: duration(
    'Run at this interval, e.g. 1h30m (units ms, s, m, h, d)',
    SHORTEST_MS,
  ).optional(),
  time: z
    .union([timeOfDay, z.array(timeOfDay).min(1)], {
      error: 'expected a time of day "HH:MM[:SS]" or a list of them',
    })
    .optional()
    .describe('Run every day at this time (or these times), in the loop timezone'),
  cron: cron.optional(),
  timezone: timezone('IANA timezone of time and cron (default: the top-level timezone)').optional(),
  count: z
    .number()
    .int({ error: 'expected a whole number' })
    .positive({ error: 'expected a number above 0' })
    .optional()
    .describe('Stop after this many runs'),
  // A jitter of 0 is no delay at all: harmless, so allowed. See SHORTEST_MS for the others.
  jitter: duration('Delay each run by a random time up to this', 0).optional(),
  timeout: duration('A run that takes longer fails', SHORTEST_MS).optional(),
  overlap: z
    .enum(['skip', 'wait', 'allow'])
    .optional()
    .describe('When a run is due while the previous one is still going'),
  onError: z.enum(['continue', 'stop']).optional().describe('What a failed run does to its loop'),
  retry: z
    .number()
    .int({ error: 'expected a whole number' })
    .min(0, { error: 'expected 0 or more' })
    .max(10, { error: 'expected at most 10' })
    .optional()
    .describe(
      'Try a run again this many times after a transient failure (network, 5xx, rate limit, timeout)',
    ),
  retryDelay: duration(
    'Delay before the first retry, doubling after each (default 1s)',
    SHORTEST_MS,
  ).optional(),
  catchUp: z
    .enum(['latest', 'skip', 'all'])
    .optional()
    .describe('Slots missed while discloop was down: run the latest (default), none, or each'),
  catchUpWindow: duration(
    'How far back a missed slot still counts (default: one period)',
    SHORTEST_MS,
  ).optional(),
};

/**
 * A loop whose action is unknown, checked for everything but its action and options, so a
 * misspelt action does not hide the loop's other problems.
 */
export const loopWithUnknownAction = z.strictObject({
  ...loopFields,
  action: z.string(),
  with: z.unknown().optional(),
});

/** The whole file, given the schema of one loop. */
function configSchema<Loop extends z.ZodType>(loop: Loop) {
  return z
    .strictObject({
      $schema: z.string().optional(),
      timezone: timezone(
        "Default IANA timezone for time and cron (default: the system's)",
      ).optional(),
      token: z
        .string()
        .optional()
        .describe('Bot token; prefer ${DISCORD_TOKEN} over writing it here'),
      plugins: z
        .array(z.string({ error: 'expected a path or a package name' }), {
          error: 'expected a list of paths (relative to this file) or package names',
        })
        .optional()
        .describe(
          'Modules with actions of your own: paths relative to this file, or package names',
        ),
      loops: z.array(loop).min(1, { error: 'expected at least one loop' }),
    })
    .describe('discloop config: scheduled Discord loops');
}

export function buildConfigSchema(registry: ActionRegistry) {
  const loops = registry.actions.map((action) =>
    z.strictObject({
      ...loopFields,
      action: z.literal(action.name).describe(action.summary),
      with: withField(action),
    }),
  );
  const [first, ...rest] = loops;
  if (!first) throw new Error('the action registry is empty');
  return configSchema(z.discriminatedUnion('action', [first, ...rest]));
}

export type Config = z.infer<ReturnType<typeof buildConfigSchema>>;
export type LoopConfig = Config['loops'][number];

/** Keys a loop and the file may have, for "did you mean" on misspellings: read off the schemas. */
export const LOOP_KEYS = Object.keys(loopWithUnknownAction.shape);
export const TOP_LEVEL_KEYS = Object.keys(configSchema(loopWithUnknownAction).shape);
