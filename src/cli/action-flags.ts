import { InvalidArgumentError, Option } from 'commander';
import { isRequired, type OptionSpec, wholeNumber } from '../actions/options.js';
import { parseDuration } from '../config/durations.js';

/** The flag of an option name: `includeEmpty` → `--include-empty`. */
export const flagOf = (name: string) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

function parseInteger(spec: { min: number; max?: number }) {
  return (value: string) => {
    const n = Number(value);
    if (Number.isInteger(n) && n >= spec.min && n <= (spec.max ?? Number.POSITIVE_INFINITY))
      return n;
    throw new InvalidArgumentError(`expected ${wholeNumber(spec)}.`);
  };
}

function parseUrl(value: string): string {
  try {
    if (['http:', 'https:'].includes(new URL(value).protocol)) return value;
  } catch {}
  throw new InvalidArgumentError('expected an http or https URL.');
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new InvalidArgumentError('expected JSON, e.g. \'{"title":"Hello","color":"#5865F2"}\'.');
  }
}

function parseDurationFlag(value: string): string {
  if (parseDuration(value) === undefined)
    throw new InvalidArgumentError('expected a duration such as 30d or 1h30m.');
  return value;
}

/** The command-line flag of an action option, with its argument and choices. */
export function actionFlag(name: string, spec: OptionSpec): Option {
  const flag = flagOf(name);
  const option = (() => {
    switch (spec.kind) {
      case 'targets':
        return new Option(`${flag} <id-or-name...>`, spec.description);
      case 'target':
        return new Option(`${flag} <id-or-name>`, spec.description);
      case 'boolean':
        // On by default: the flag turns it off (`--no-keep-pinned`).
        return spec.default
          ? new Option(`--no-${flag.slice(2)}`, spec.description)
          : new Option(flag, spec.description);
      case 'duration':
        return new Option(`${flag} <duration>`, spec.description).argParser(parseDurationFlag);
      case 'integer': {
        const option = new Option(`${flag} <n>`, spec.description).argParser(parseInteger(spec));
        return spec.default === undefined ? option : option.default(spec.default);
      }
      case 'url':
        return new Option(`${flag} <url>`, spec.description).argParser(parseUrl);
      case 'template':
        return new Option(`${flag} <template>`, spec.description);
      case 'choice':
        return new Option(`${flag} <value>`, spec.description).choices(spec.values);
      case 'choices':
        return new Option(`${flag} <values...>`, spec.description).choices(spec.values);
      case 'activities':
        return new Option(`${flag} <activity...>`, spec.description);
      case 'embed':
        return new Option(`${flag} <json>`, spec.description).argParser(parseJson);
    }
  })();
  return option.makeOptionMandatory(isRequired(spec));
}
