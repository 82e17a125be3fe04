import type { IntentName } from '../connection/intents.js';
import type { OptionsSpec, OptionValues } from './options.js';
import { templatesOf } from './options.js';
import { placeholdersIn } from './templates.js';
import type { ActionDefinition } from './types.js';

/** What a placeholder reads from the gateway cache, and so which intent it needs. */
const PLACEHOLDER_INTENTS: Partial<Record<string, IntentName>> = {
  'guild.name': 'Guilds',
  'guild.voiceCount': 'GuildVoiceStates',
  'bot.guildCount': 'Guilds',
};

/** The intents a loop needs: its action's own, plus those its templates' placeholders read. */
export function loopIntents(
  action: ActionDefinition,
  options: OptionValues<OptionsSpec>,
): IntentName[] {
  const fromTemplates = Object.entries(action.options).flatMap(([name, spec]) =>
    templatesOf(spec, options[name])
      .flatMap(placeholdersIn)
      .flatMap((placeholder) => PLACEHOLDER_INTENTS[placeholder] ?? []),
  );
  return [...action.intents(options), ...fromTemplates];
}
