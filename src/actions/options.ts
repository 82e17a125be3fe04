import { parseDuration } from '../config/durations.js';
import { type TemplateScope, templateProblems } from './templates.js';

/**
 * The little language in which each action declares its options. From it come the CLI flags
 * of `discloop <action>`, the `with:` part of the config schema and the docs table, so an
 * option is declared once. Kept free of zod: the ad hoc commands must start fast.
 */
export type OptionSpec =
  /** Ids or names, one or a list: a filter, or (required) what the action acts on. */
  | {
      kind: 'targets';
      of: 'guild' | 'channel' | 'user';
      description: string;
      required?: boolean;
    }
  /** One id or name: what the action acts on. */
  | { kind: 'target'; of: 'guild' | 'channel'; description: string; required?: boolean }
  /**
   * A whole number from `min` (and up to `max`). With `default`, actions always receive a
   * number; without, the action has its own default and says it in the description.
   */
  | { kind: 'integer'; description: string; min: number; max?: number; default?: number }
  /** An http(s) address. */
  | { kind: 'url'; description: string; required?: boolean }
  | {
      kind: 'template';
      description: string;
      required?: boolean;
      scope: TemplateScope;
      /** Placeholders of this option alone, beyond the usual ones: the action gives their values. */
      placeholders?: readonly string[];
    }
  /** Off unless set, or on unless set to false with `default: true`. */
  | { kind: 'boolean'; description: string; default?: boolean }
  /** "30d", "1h30m": the action receives milliseconds. */
  | { kind: 'duration'; description: string; required?: boolean }
  | { kind: 'choice'; description: string; values: readonly string[] }
  /** Several of `values`. */
  | { kind: 'choices'; description: string; values: readonly string[] }
  /** set-presence's rotation: "Watching {bot.guildCount} guilds" or { type, name, url }. */
  | { kind: 'activities'; description: string; required?: boolean }
  | { kind: 'embed'; description: string };

export type OptionsSpec = Record<string, OptionSpec>;

/** "a whole number from 1 to 50": what an integer option takes, for its error messages. */
export const wholeNumber = ({ min, max }: { min: number; max?: number }) =>
  `a whole number ${max === undefined ? `of ${min} or more` : `from ${min} to ${max}`}`;

/** Whether the action cannot run without this option (only some kinds can be required). */
export const isRequired = (spec: OptionSpec) => 'required' in spec && spec.required === true;

export interface ActivityObject {
  type: ActivityType;
  name: string;
  url?: string;
}
export const ACTIVITY_TYPES = [
  'Playing',
  'Streaming',
  'Listening',
  'Watching',
  'Competing',
  'Custom',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export interface EmbedOption {
  title?: string;
  description?: string;
  url?: string;
  /** 0xRRGGBB, or "#rrggbb" in the config. */
  color?: number | string;
}

type ValueOf<S extends OptionSpec> = S extends { kind: 'targets' | 'choices' }
  ? string[]
  : S extends { kind: 'boolean' }
    ? boolean
    : S extends { kind: 'integer' | 'duration' }
      ? number
      : S extends { kind: 'activities' }
        ? (string | ActivityObject)[]
        : S extends { kind: 'embed' }
          ? EmbedOption
          : string;

type Always<S extends OptionSpec> = S extends
  | { required: true }
  | { kind: 'boolean' }
  | { kind: 'integer'; default: number }
  ? true
  : false;

/** The options an action receives: lists normalised, defaults filled in, durations in ms. */
export type OptionValues<S extends OptionsSpec> = {
  [K in keyof S as Always<S[K]> extends true ? K : never]: ValueOf<S[K]>;
} & {
  [K in keyof S as Always<S[K]> extends true ? never : K]?: ValueOf<S[K]>;
};

const asList = (value: unknown) => (Array.isArray(value) ? value : [value]);

/** Turns raw values (from flags or config) into the shape an action receives. */
export function normaliseOptions(
  spec: OptionsSpec,
  raw: Record<string, unknown>,
): OptionValues<OptionsSpec> {
  const values: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(spec)) {
    const value = raw[name];
    if (option.kind === 'boolean')
      values[name] = value === undefined ? (option.default ?? false) : value === true;
    else if (option.kind === 'integer' && (value !== undefined || option.default !== undefined))
      values[name] = value === undefined ? option.default : Number(value);
    else if (value === undefined) continue;
    else if (option.kind === 'duration') values[name] = parseDuration(String(value));
    else if (option.kind === 'targets' || option.kind === 'choices')
      values[name] = asList(value).map(String);
    else if (option.kind === 'activities') values[name] = asList(value);
    else if (option.kind === 'embed') values[name] = value;
    else values[name] = String(value);
  }
  return values as OptionValues<OptionsSpec>;
}

/** Templates inside an option's value (activities and embeds hold several). */
export function templatesOf(spec: OptionSpec, value: unknown): string[] {
  if (value === undefined) return [];
  if (spec.kind === 'template') return [String(value)];
  if (spec.kind === 'activities')
    return asList(value).map((a) =>
      typeof a === 'string' ? a : String((a as ActivityObject).name),
    );
  if (spec.kind === 'embed') {
    const { title, description } = value as EmbedOption;
    return [title, description].filter((text): text is string => typeof text === 'string');
  }
  return [];
}

/** Problems of the templates in an option's value: shared by config validation and CLI flags. */
export function optionTemplateProblems(spec: OptionSpec, value: unknown): string[] {
  const scope = spec.kind === 'template' ? spec.scope : spec.kind === 'embed' ? 'guild' : 'global';
  const own = spec.kind === 'template' ? spec.placeholders : undefined;
  return templatesOf(spec, value).flatMap((template) => templateProblems(template, scope, own));
}
