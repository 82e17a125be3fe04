import type { IntentName } from '../connection/intents.js';
import { isRequired, type OptionSpec, type OptionsSpec, type OptionValues } from './options.js';
import type { ActionDefinition, OptionDoc } from './types.js';

/** What values an option takes, in a few words. */
export function optionValues(spec: OptionSpec): string {
  switch (spec.kind) {
    case 'targets':
      return `${spec.of} id or name, or a list`;
    case 'target':
      return `${spec.of} id or name`;
    case 'boolean':
      return spec.default ? 'true or false (default true)' : 'true or false';
    case 'integer': {
      const range = spec.max === undefined ? `${spec.min} or more` : `${spec.min} to ${spec.max}`;
      return spec.default === undefined ? range : `${range} (default ${spec.default})`;
    }
    case 'url':
      return 'http(s) URL';
    case 'duration':
      return 'duration such as 30d or 1h30m';
    case 'template':
      return 'template';
    case 'choice':
      return spec.values.join(' | ');
    case 'choices':
      return `list of ${spec.values.join(', ')}`;
    case 'activities':
      return 'list of templates or { type, name, url }';
    case 'embed':
      return '{ title, description, url, color }';
  }
}

/** An action's options as docs show them: a plugin's from its zod schema, a built-in's from its spec. */
export function optionDocs(action: ActionDefinition): OptionDoc[] {
  if (action.optionDocs) return action.optionDocs;
  return Object.entries(action.options).map(([name, spec]) => ({
    name,
    required: isRequired(spec),
    values: optionValues(spec),
    description: spec.description,
  }));
}

/** An action's intents as docs show them: its own, then what a boolean option adds. */
export function intentsInWords(action: ActionDefinition): string {
  const base = action.intents({} as OptionValues<OptionsSpec>);
  const extras = Object.entries(action.options).flatMap(([name, spec]) => {
    if (spec.kind !== 'boolean') return [];
    const added = action
      .intents({ [name]: true } as OptionValues<OptionsSpec>)
      .filter((i: IntentName) => !base.includes(i));
    return added.length > 0 ? [`+ ${added.join(', ')} with \`${name}\``] : [];
  });
  return [base.join(', ') || '—', ...extras].join(' ');
}

/** The README's table of actions (kept equal to it by a test). */
export function actionsMarkdown(actions: readonly ActionDefinition[]): string {
  const rows = actions.map((action) => {
    const options = optionDocs(action)
      .map(({ name, required }) => `\`${name}\`${required ? ' (required)' : ''}`)
      .join(', ');
    return `| \`${action.name}\` | ${action.summary} | ${options || '—'} | ${intentsInWords(action)} | ${action.permissions.join(', ') || '—'} |`;
  });
  return [
    '| action | does | options | intents | permissions |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
