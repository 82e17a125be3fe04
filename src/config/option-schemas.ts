import { z } from 'zod';
import { ACTIVITY_TYPES, isRequired, type OptionSpec, wholeNumber } from '../actions/options.js';
import { type TemplateScope, templateProblems } from '../actions/templates.js';
import type { ActionDefinition } from '../actions/types.js';
import { parseDuration } from './durations.js';

/** The zod schema of each kind of action option (src/actions/options.ts). */
const template = (scope: TemplateScope, own?: readonly string[]) =>
  z
    .string({ error: 'expected a text (a template such as "Members: {guild.memberCount}")' })
    .superRefine((text, ctx) => {
      for (const message of templateProblems(text, scope, own))
        ctx.addIssue({ code: 'custom', message, params: { plain: true } });
    });

const activity = z.union(
  [
    template('global'),
    z.strictObject({
      type: z.enum(ACTIVITY_TYPES),
      name: template('global'),
      url: z.url({ error: 'expected a URL (for Streaming: a Twitch or YouTube link)' }).optional(),
    }),
  ],
  {
    error:
      'expected an activity such as "Watching {bot.guildCount} guilds", or { type, name, url }',
  },
);

const embed = z.strictObject({
  title: template('guild').optional(),
  description: template('guild').optional(),
  url: z.url({ error: 'expected a URL' }).optional(),
  color: z
    .union(
      [
        z.number().int().min(0).max(0xffffff),
        z
          .string()
          .regex(/^#[0-9a-fA-F]{6}$/, { error: 'expected a color such as "#5865F2" or 5793266' }),
      ],
      {
        error: 'expected a color such as "#5865F2" or 5793266',
      },
    )
    .optional(),
});

export function optionSchema(spec: OptionSpec): z.ZodType {
  const oneOrList = <T extends z.ZodType>(item: T, error: string) =>
    z.union([item, z.array(item).min(1)], { error });
  switch (spec.kind) {
    case 'targets':
      return oneOrList(z.string(), 'expected an id or name, or a list of them').describe(
        spec.description,
      );
    case 'target':
      return z.string({ error: 'expected an id or name' }).describe(spec.description);
    case 'boolean':
      return z.boolean().describe(spec.description);
    case 'integer': {
      const error = `expected ${wholeNumber(spec)}`;
      const atLeast = z.number({ error }).int({ error }).min(spec.min, { error });
      return (spec.max === undefined ? atLeast : atLeast.max(spec.max, { error })).describe(
        spec.description,
      );
    }
    case 'url':
      return z
        .url({ protocol: /^https?$/, error: 'expected an http or https URL' })
        .describe(spec.description);
    case 'duration':
      return z
        .string({ error: 'expected a duration such as 30d or 1h30m' })
        .refine((text) => parseDuration(text) !== undefined, {
          error: 'expected a duration such as 30d or 1h30m (units ms, s, m, h, d)',
        })
        .describe(spec.description);
    case 'template':
      return template(spec.scope, spec.placeholders).describe(spec.description);
    case 'choice':
      return z.enum(spec.values as [string, ...string[]]).describe(spec.description);
    case 'choices':
      return oneOrList(
        z.enum(spec.values as [string, ...string[]]),
        `expected one or more of ${spec.values.join(', ')}`,
      ).describe(spec.description);
    case 'activities':
      return oneOrList(activity, 'expected an activity or a list of them').describe(
        spec.description,
      );
    case 'embed':
      return embed.describe(spec.description);
  }
}

export function withSchema(action: ActionDefinition) {
  const shape = Object.fromEntries(
    Object.entries(action.options).map(([name, spec]) => {
      const schema = optionSchema(spec);
      return [name, isRequired(spec) ? schema : schema.optional()];
    }),
  );
  return z.strictObject(shape).describe(`Options of ${action.name}`);
}

/**
 * A loop's `with:` for this action. A plugin's schema applies even when `with:` is left out,
 * so that its required options are reported and its defaults filled in.
 */
export function withField(action: ActionDefinition): z.ZodType {
  if (action.optionsSchema)
    return action.optionsSchema.describe(`Options of ${action.name}`).prefault({});
  return withSchema(action).optional();
}

/** The option names `with:` may hold, for "did you mean". */
export const optionNames = (action: ActionDefinition) =>
  Object.keys(action.optionsSchema?.shape ?? action.options);
